"""PLAT-1: personal access tokens through the API."""

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from openprm.identity.models import AccessToken, User
from openprm.identity.services import token_create, user_set_active
from openprm.identity.tokens import token_digest
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.django_db


def _bearer(plaintext: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def test_plat_1_token_created_through_the_api_works_and_is_shown_once(salesperson: User) -> None:
    session = Client()
    session.force_login(salesperson)
    created = session.post(
        "/api/v1/tokens", {"name": "laptop", "expires_in_days": 30}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    plaintext = created.json()["token"]
    assert plaintext.startswith("oprm_")
    assert _bearer(plaintext).get("/api/v1/me").json()["username"] == "sales"
    listed = session.get("/api/v1/tokens").json()["items"]
    assert [t["name"] for t in listed] == ["laptop"]
    assert "token" not in listed[0]


def test_plat_1_plaintext_is_never_stored(salesperson: User) -> None:
    token, plaintext = token_create(actor=as_actor(salesperson), name="ci")
    stored = AccessToken.objects.filter(pk=token.pk).values().get()
    assert plaintext not in {str(v) for v in stored.values()}
    assert stored["digest"] == token_digest(plaintext)


def test_plat_1_revoked_token_answers_401(salesperson: User) -> None:
    token, plaintext = token_create(actor=as_actor(salesperson), name="ci")
    client = _bearer(plaintext)
    assert client.get("/api/v1/me").status_code == 200
    assert client.delete(f"/api/v1/tokens/{token.pk}").status_code == 204
    refused = client.get("/api/v1/me")
    assert refused.status_code == 401
    assert refused["Content-Type"] == "application/problem+json"
    assert refused.json()["code"] == "not_authenticated"
    assert refused["WWW-Authenticate"].startswith("Bearer")


def test_plat_1_deactivating_the_user_stops_its_token_at_once(
    admin_user: User, salesperson: User
) -> None:
    _, plaintext = token_create(actor=as_actor(salesperson), name="ci")
    client = _bearer(plaintext)
    assert client.get("/api/v1/me").status_code == 200
    user_set_active(actor=as_actor(admin_user), user=salesperson, active=False)
    assert client.get("/api/v1/me").status_code == 401


def test_plat_1_expired_token_answers_401(salesperson: User) -> None:
    token, plaintext = token_create(actor=as_actor(salesperson), name="ci", expires_in_days=1)
    AccessToken.objects.filter(pk=token.pk).update(
        expires_at=timezone.now() - dt.timedelta(seconds=1)
    )
    assert _bearer(plaintext).get("/api/v1/me").status_code == 401


def test_plat_1_unknown_token_answers_401() -> None:
    assert _bearer("oprm_not-a-real-token").get("/api/v1/me").status_code == 401


def test_plat_1_tokens_are_private_to_their_owner(salesperson: User, api_client_for) -> None:
    """Not even an administrator may list or revoke another user's token: 404."""
    admin = make_user("administrator", username="boss")
    token, _ = token_create(actor=as_actor(salesperson), name="mine")
    client = api_client_for(admin)
    assert [t["name"] for t in client.get("/api/v1/tokens").json()["items"]] == ["test"]
    assert client.delete(f"/api/v1/tokens/{token.pk}").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_plat_1_token_needs_a_name(salesperson: User, api_client_for) -> None:
    response = api_client_for(salesperson).post(
        "/api/v1/tokens", {"name": "   "}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"] == [{"field": "name", "message": "Give the token a name."}]
