"""The caller's own profile through the API; no mass assignment (PLAT-1, PLAT-6)."""

import pytest

from openprm.identity.catalog import ADMINISTRATOR, SALESPERSON
from openprm.identity.models import User

pytestmark = pytest.mark.django_db


def test_me_shows_roles_privileges_and_version(salesperson: User, api_client_for) -> None:
    body = api_client_for(salesperson).get("/api/v1/me").json()
    assert body["username"] == "sales"
    assert body["roles"] == [SALESPERSON]
    assert body["privileges"] == ["delete_sales_party_contact"]
    assert body["user_type"] == "internal"
    assert body["version"] == 1


def test_me_patch_changes_own_names_and_email(salesperson: User, api_client_for) -> None:
    response = api_client_for(salesperson).patch(
        "/api/v1/me",
        {"version": 1, "first_name": "Sally", "email": "sally@example.com"},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["first_name"] == "Sally"
    assert response.json()["version"] == 2
    salesperson.refresh_from_db()
    assert salesperson.email == "sally@example.com"


@pytest.mark.parametrize(
    "field",
    [
        {"roles": [ADMINISTRATOR]},
        {"is_staff": True},
        {"is_superuser": True},
        {"user_type": "partner"},
        {"is_active": False},
        {"partner": 1},
        {"username": "boss"},
    ],
)
def test_me_patch_refuses_mass_assignment(salesperson: User, api_client_for, field) -> None:
    """Unknown or privileged keys are refused with 422 naming the key, and
    nothing changes."""
    response = api_client_for(salesperson).patch(
        "/api/v1/me", {"version": 1, **field}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    assert [e["field"] for e in response.json()["errors"]] == list(field)
    salesperson.refresh_from_db()
    assert salesperson.version == 1
    assert not salesperson.is_staff
    assert not salesperson.is_superuser
    assert list(salesperson.roles.values_list("code", flat=True)) == [SALESPERSON]


def test_plat_6_me_version_is_a_guard_not_a_field(salesperson: User, api_client_for) -> None:
    """Sending a made-up version does not set it: it is stale, so 409."""
    response = api_client_for(salesperson).patch(
        "/api/v1/me", {"version": 99, "first_name": "X"}, content_type="application/json"
    )
    assert response.status_code == 409
    assert response.json()["current"]["first_name"] == ""
    salesperson.refresh_from_db()
    assert salesperson.version == 1


def test_me_invalid_email_is_a_field_error(salesperson: User, api_client_for) -> None:
    response = api_client_for(salesperson).patch(
        "/api/v1/me", {"version": 1, "email": "not-an-email"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "email"
