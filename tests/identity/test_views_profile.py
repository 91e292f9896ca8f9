"""PLAT-1 profile page: a user creates and revokes its own API tokens."""

import pytest
from django.urls import reverse

from openprm.identity.models import AccessToken
from openprm.identity.services import token_create
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def test_plat_1_create_token_shows_it_once(salesperson, client_for) -> None:
    client = client_for(salesperson)
    response = client.post(reverse("identity:token_create"), {"name": "laptop"})
    body = response.content.decode()
    assert 'data-testid="new-token">oprm_' in body
    assert "Copy it now" in body
    assert (
        "oprm_" not in client.get(reverse("identity:profile")).content.decode().split("<code>")[0]
    )


def test_plat_1_token_without_name_is_a_field_error(salesperson, client_for) -> None:
    response = client_for(salesperson).post(reverse("identity:token_create"), {"name": ""})
    assert 'id="id_name_error"' in response.content.decode()
    assert not AccessToken.objects.exists()


def test_plat_1_revoke_own_token_but_not_anothers(salesperson, admin_user, client_for) -> None:
    own, _plain = token_create(actor=as_actor(salesperson), name="mine")
    theirs, _plain = token_create(actor=as_actor(admin_user), name="theirs")
    client = client_for(salesperson)
    client.post(reverse("identity:token_revoke", args=[own.pk]))
    own.refresh_from_db()
    assert own.revoked_at is not None
    assert client.post(reverse("identity:token_revoke", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.revoked_at is None
