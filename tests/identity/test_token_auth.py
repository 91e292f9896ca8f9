"""PLAT-1/PLAT-2: the Bearer token check reads the token, its user and the
user's privileges fresh on every request, in one statement (issue 6)."""

import datetime as dt

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openprm.core.actor import Actor
from openprm.identity.auth import TokenAuth
from openprm.identity.catalog import ADMINISTRATOR, SALESPERSON
from openprm.identity.models import AccessToken, Role, User
from openprm.identity.services import token_create
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def _authenticate(plaintext: str) -> Actor | None:
    return TokenAuth().authenticate(RequestFactory().get("/api/v1/me"), plaintext)


def test_plat_1_token_user_and_privileges_come_from_one_query(salesperson: User) -> None:
    _, plaintext = token_create(actor=as_actor(salesperson), name="ci")
    AccessToken.objects.update(last_used_at=timezone.now())
    with CaptureQueriesContext(connection) as queries:
        actor = _authenticate(plaintext)
        assert actor is not None
        assert actor.has_privilege("delete_sales_party_contact")
        assert actor.resource_id is None
    assert len(queries) == 1
    assert actor.pk == salesperson.pk
    assert actor.username == "sales"
    assert isinstance(actor.is_active, bool)
    assert isinstance(actor.user.date_joined, dt.datetime)


def test_plat_2_a_new_role_counts_on_the_next_token_request(
    salesperson: User, api_client_for
) -> None:
    client = api_client_for(salesperson)
    assert "manage_users" not in client.get("/api/v1/me").json()["privileges"]
    salesperson.roles.add(Role.objects.get(code=ADMINISTRATOR))
    assert "manage_users" in client.get("/api/v1/me").json()["privileges"]
    salesperson.roles.set(Role.objects.filter(code=SALESPERSON))
    assert "manage_users" not in client.get("/api/v1/me").json()["privileges"]


def test_plat_1_last_used_is_written_at_most_once_a_minute(salesperson: User) -> None:
    token, plaintext = token_create(actor=as_actor(salesperson), name="ci")
    assert _authenticate(plaintext) is not None
    token.refresh_from_db()
    first = token.last_used_at
    assert first is not None
    with CaptureQueriesContext(connection) as queries:
        assert _authenticate(plaintext) is not None
    assert len(queries) == 1
    AccessToken.objects.filter(pk=token.pk).update(last_used_at=first - dt.timedelta(minutes=2))
    assert _authenticate(plaintext) is not None
    token.refresh_from_db()
    assert token.last_used_at > first


def test_plat_1_a_user_without_roles_holds_no_privileges() -> None:
    user = User.objects.create(username="bare")
    _, plaintext = token_create(actor=as_actor(user), name="ci")
    found = _authenticate(plaintext)
    assert found is not None
    assert found.privileges == frozenset()
