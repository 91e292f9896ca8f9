"""PLAT-1: sign-in with Argon2-hashed passwords, deactivation, throttling."""

import pytest
from django.test import Client
from django.urls import reverse

from openprm.identity.catalog import SALESPERSON
from openprm.identity.services import user_set_active
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.django_db


def test_plat_1_password_is_stored_with_argon2() -> None:
    user = make_user(SALESPERSON, password="Correct-Horse-42")
    assert user.password.startswith("argon2$")


def test_plat_1_sign_in_and_out() -> None:
    make_user(SALESPERSON, username="sally", password="Correct-Horse-42")
    client = Client()
    response = client.post(
        reverse("identity:login"), {"username": "sally", "password": "Correct-Horse-42"}
    )
    assert response.status_code == 302
    home = client.get(reverse("home"))
    assert home.status_code == 200
    assert "sally" in home.content.decode()
    client.post(reverse("identity:logout"))
    assert client.get(reverse("home")).status_code == 302


def test_plat_1_wrong_password_is_refused_with_a_message() -> None:
    make_user(SALESPERSON, username="sally", password="Correct-Horse-42")
    response = Client().post(reverse("identity:login"), {"username": "sally", "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_plat_1_deactivated_user_cannot_sign_in_and_session_ends(admin_user) -> None:
    user = make_user(SALESPERSON, username="sally", password="Correct-Horse-42")
    client = Client()
    client.post(reverse("identity:login"), {"username": "sally", "password": "Correct-Horse-42"})
    assert client.get(reverse("home")).status_code == 200
    user_set_active(actor=as_actor(admin_user), user=user, active=False)
    assert client.get(reverse("home")).status_code == 302
    again = Client().post(
        reverse("identity:login"), {"username": "sally", "password": "Correct-Horse-42"}
    )
    assert again.status_code == 200


def test_plat_1_failed_sign_ins_are_throttled() -> None:
    make_user(SALESPERSON, username="sally", password="Correct-Horse-42")
    client = Client()
    for _ in range(5):
        client.post(reverse("identity:login"), {"username": "sally", "password": "wrong"})
    locked = client.post(
        reverse("identity:login"), {"username": "sally", "password": "Correct-Horse-42"}
    )
    assert locked.status_code == 429
    assert "Too many failed sign-ins" in locked.content.decode()
