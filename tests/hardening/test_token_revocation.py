"""PLAT-1: deactivating a user revokes its tokens for good. A token that
leaked while the user was off must not come back to life when an
administrator re-activates the user."""

import pytest
from django.test import Client

from openprm.identity.models import AccessToken, User
from openprm.identity.services import token_create
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.django_db


def _bearer(plaintext: str) -> Client:
    return Client(headers={"Authorization": f"Bearer {plaintext}"})


def test_plat_1_reactivation_does_not_revive_old_tokens(admin_user: User, api_client_for) -> None:
    user = make_user(username="returning")
    old, old_plaintext = token_create(actor=as_actor(user), name="laptop")
    admin = api_client_for(admin_user)
    assert _bearer(old_plaintext).get("/api/v1/me").status_code == 200

    assert admin.post(f"/api/v1/users/{user.pk}/deactivate").status_code == 200
    assert admin.post(f"/api/v1/users/{user.pk}/activate").status_code == 200

    assert _bearer(old_plaintext).get("/api/v1/me").status_code == 401
    assert AccessToken.objects.get(pk=old.pk).revoked_at is not None
    _, new_plaintext = token_create(actor=as_actor(User.objects.get(pk=user.pk)), name="new laptop")
    assert _bearer(new_plaintext).get("/api/v1/me").json()["username"] == "returning"


def test_plat_1_reactivation_in_the_ui_does_not_revive_old_tokens(
    admin_user: User, client_for
) -> None:
    user = make_user(username="returning")
    _, old_plaintext = token_create(actor=as_actor(user), name="laptop")
    admin = client_for(admin_user)
    admin.post(f"/account/users/{user.pk}/active/", {"active": "false"})
    admin.post(f"/account/users/{user.pk}/active/", {"active": "true"})
    assert User.objects.get(pk=user.pk).is_active
    assert _bearer(old_plaintext).get("/api/v1/me").status_code == 401
