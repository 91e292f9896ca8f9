"""Every API error is RFC 9457 problem JSON (400, 401, 403, 404, 409, 422)."""

import pytest
from django.test import Client

from openprm.identity.models import User

pytestmark = pytest.mark.django_db


def test_malformed_json_is_a_400_problem(admin_user: User, api_client_for) -> None:
    response = api_client_for(admin_user).post(
        "/api/v1/lookups", "{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail", "code"} <= set(body)
    assert body["status"] == 400


def test_anonymous_gets_a_401_problem() -> None:
    response = Client().get("/api/v1/me")
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_authenticated"


def test_unknown_route_id_type_is_a_422_problem(admin_user: User, api_client_for) -> None:
    response = api_client_for(admin_user).get("/api/v1/users/abc")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "user_id"


def test_a_repeated_query_parameter_is_a_422_problem(admin_user: User, api_client_for) -> None:
    """`?active=true&active=false` is refused instead of silently reading one value."""
    response = api_client_for(admin_user).get("/api/v1/users?active=true&active=false")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["errors"] == [
        {"field": "active", "message": "Give this parameter once."}
    ]
