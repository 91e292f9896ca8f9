"""User administration through the API (PLAT-1, PLAT-2, PLAT-6)."""

import pytest

from openprm.identity.catalog import (
    ADMINISTRATOR,
    CHANNEL_ACCOUNT_MANAGER,
    PARTNER_SALES_REPRESENTATIVE,
    SALESPERSON,
)
from openprm.identity.models import User
from tests.factories import make_user, role_codes

pytestmark = pytest.mark.django_db

NEW_USER = {
    "username": "newbie",
    "password": "Correct-Horse-42",
    "email": "newbie@example.com",
    "first_name": "New",
    "last_name": "Bie",
    "user_type": "internal",
    "roles": [SALESPERSON],
}


def test_plat_2_salesperson_cannot_create_users(salesperson: User, api_client_for) -> None:
    """403 problem JSON naming the missing privilege; no user is created."""
    response = api_client_for(salesperson).post(
        "/api/v1/users", NEW_USER, content_type="application/json"
    )
    assert response.status_code == 403
    assert response["Content-Type"] == "application/problem+json"
    body = response.json()
    assert body["code"] == "missing_privilege"
    assert body["privilege"] == "manage_users"
    assert "Manage Users and Roles" in body["detail"]
    assert not User.objects.filter(username="newbie").exists()


def test_plat_2_salesperson_cannot_list_users(salesperson: User, api_client_for) -> None:
    response = api_client_for(salesperson).get("/api/v1/users")
    assert response.status_code == 403
    assert response.json()["privilege"] == "manage_users"


def test_plat_1_admin_creates_a_user_who_can_sign_in(admin_user: User, api_client_for) -> None:
    response = api_client_for(admin_user).post(
        "/api/v1/users", NEW_USER, content_type="application/json"
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["roles"] == [SALESPERSON]
    assert body["version"] == 1
    assert "password" not in body
    created = User.objects.get(username="newbie")
    assert created.password.startswith("argon2$")
    assert created.check_password("Correct-Horse-42")


def test_create_user_refuses_weak_password_and_unknown_role(
    admin_user: User, api_client_for
) -> None:
    client = api_client_for(admin_user)
    weak = client.post(
        "/api/v1/users", {**NEW_USER, "password": "123"}, content_type="application/json"
    )
    assert weak.status_code == 422
    assert {e["field"] for e in weak.json()["errors"]} == {"password"}
    unknown = client.post(
        "/api/v1/users", {**NEW_USER, "roles": ["wizard"]}, content_type="application/json"
    )
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "roles"


def test_plat_2_partner_roles_only_for_partner_users(admin_user: User, api_client_for) -> None:
    response = api_client_for(admin_user).post(
        "/api/v1/users",
        {**NEW_USER, "roles": [PARTNER_SALES_REPRESENTATIVE]},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "roles"


def test_create_user_refuses_mass_assignment(admin_user: User, api_client_for) -> None:
    response = api_client_for(admin_user).post(
        "/api/v1/users", {**NEW_USER, "is_superuser": True}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "is_superuser"
    assert not User.objects.filter(username="newbie").exists()


def test_user_list_filters_by_prefix_active_and_role(
    admin_user: User, api_client_for, django_assert_max_num_queries
) -> None:
    for i in range(5):
        make_user(SALESPERSON, username=f"seller{i}")
    make_user(CHANNEL_ACCOUNT_MANAGER, username="selma", is_active=False)
    client = api_client_for(admin_user)
    with django_assert_max_num_queries(6):
        page = client.get("/api/v1/users", {"q": "sel", "page_size": 3}).json()
    assert page["count"] == 6
    assert [u["username"] for u in page["items"]] == ["seller0", "seller1", "seller2"]
    assert page["items"][0]["roles"] == [SALESPERSON]
    inactive = client.get("/api/v1/users", {"active": "false"}).json()["items"]
    assert [u["username"] for u in inactive] == ["selma"]
    managers = client.get("/api/v1/users", {"role": CHANNEL_ACCOUNT_MANAGER}).json()["items"]
    assert [u["username"] for u in managers] == ["selma"]


def test_plat_6_user_update_needs_current_version(admin_user: User, api_client_for) -> None:
    user = make_user(SALESPERSON, username="sally")
    client = api_client_for(admin_user)
    first = client.patch(
        f"/api/v1/users/{user.pk}",
        {"version": 1, "last_name": "Seller", "roles": [SALESPERSON, CHANNEL_ACCOUNT_MANAGER]},
        content_type="application/json",
    )
    assert first.status_code == 200, first.content
    assert first.json()["version"] == 2
    assert role_codes(user) == [CHANNEL_ACCOUNT_MANAGER, SALESPERSON]
    stale = client.patch(
        f"/api/v1/users/{user.pk}",
        {"version": 1, "last_name": "Other"},
        content_type="application/json",
    )
    assert stale.status_code == 409
    body = stale.json()
    assert body["code"] == "stale_version"
    assert body["current"]["last_name"] == "Seller"
    assert body["current"]["version"] == 2
    assert "password" not in body["current"]


def test_patch_user_without_version_is_422(admin_user: User, api_client_for) -> None:
    user = make_user(SALESPERSON)
    response = api_client_for(admin_user).patch(
        f"/api/v1/users/{user.pk}", {"last_name": "X"}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "version"


def test_plat_1_deactivate_and_activate_through_the_api(admin_user: User, api_client_for) -> None:
    user = make_user(SALESPERSON, username="sally")
    user_client = api_client_for(user)
    client = api_client_for(admin_user)
    off = client.post(f"/api/v1/users/{user.pk}/deactivate")
    assert off.status_code == 200
    assert off.json()["is_active"] is False
    assert user_client.get("/api/v1/me").status_code == 401
    assert client.post(f"/api/v1/users/{user.pk}/activate").json()["is_active"] is True
    assert user_client.get("/api/v1/me").status_code == 401, "deactivation revoked the token"
    assert api_client_for(user).get("/api/v1/me").status_code == 200


def test_admin_cannot_deactivate_themselves(admin_user: User, api_client_for) -> None:
    response = api_client_for(admin_user).post(f"/api/v1/users/{admin_user.pk}/deactivate")
    assert response.status_code == 422
    assert response.json()["code"] == "cannot_deactivate_self"


def test_plat_1_admin_resets_a_password(admin_user: User, api_client_for) -> None:
    user = make_user(SALESPERSON, username="sally", password="Old-Password-42")
    response = api_client_for(admin_user).post(
        f"/api/v1/users/{user.pk}/password",
        {"password": "New-Password-42"},
        content_type="application/json",
    )
    assert response.status_code == 204
    user.refresh_from_db()
    assert user.check_password("New-Password-42")


def test_unknown_user_is_404_problem(admin_user: User, api_client_for) -> None:
    response = api_client_for(admin_user).get("/api/v1/users/999999")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["code"] == "not_found"


def test_admin_role_holder_sees_all_privileges(api_client_for) -> None:
    admin = make_user(ADMINISTRATOR, username="boss")
    assert "manage_users" in api_client_for(admin).get("/api/v1/me").json()["privileges"]
