"""Roles, privileges and resources through the API (PLAT-2, PLAT-6)."""

import pytest

from openprm.identity.catalog import PARTNER_ADMINISTRATOR, SALESPERSON
from openprm.identity.models import Resource, Role, User
from openprm.identity.services import resource_create
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.django_db


def test_plat_2_roles_list_their_privileges(salesperson: User, api_client_for) -> None:
    roles = api_client_for(salesperson).get("/api/v1/roles").json()["items"]
    by_code = {r["code"]: r for r in roles}
    assert by_code[SALESPERSON]["privileges"] == ["delete_sales_party_contact"]
    assert by_code[PARTNER_ADMINISTRATOR]["for_partners"] is True


def test_plat_2_privileges_are_listed(salesperson: User, api_client_for) -> None:
    codes = {
        p["code"] for p in api_client_for(salesperson).get("/api/v1/privileges").json()["items"]
    }
    assert {"manage_profile_options", "approve_deal_registrations"} <= codes


def test_plat_2_granting_a_privilege_takes_effect(
    admin_user: User, salesperson: User, api_client_for
) -> None:
    role = Role.objects.get(code=SALESPERSON)
    sales_client = api_client_for(salesperson)
    assert sales_client.get("/api/v1/users").status_code == 403
    response = api_client_for(admin_user).put(
        f"/api/v1/roles/{role.pk}/privileges",
        {"version": role.version, "privileges": ["manage_users", "delete_sales_party_contact"]},
        content_type="application/json",
    )
    assert response.status_code == 200, response.content
    assert response.json()["privileges"] == ["delete_sales_party_contact", "manage_users"]
    assert sales_client.get("/api/v1/users").status_code == 200


def test_plat_6_role_privileges_refuse_a_stale_version(admin_user: User, api_client_for) -> None:
    role = Role.objects.get(code=SALESPERSON)
    response = api_client_for(admin_user).put(
        f"/api/v1/roles/{role.pk}/privileges",
        {"version": role.version + 5, "privileges": []},
        content_type="application/json",
    )
    assert response.status_code == 409
    assert role.privileges.count() == 1


def test_plat_2_salesperson_cannot_change_role_privileges(
    salesperson: User, api_client_for
) -> None:
    role = Role.objects.get(code=SALESPERSON)
    response = api_client_for(salesperson).put(
        f"/api/v1/roles/{role.pk}/privileges",
        {"version": role.version, "privileges": ["manage_users"]},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["privilege"] == "manage_users"


def test_partner_users_see_no_roles(api_client_for) -> None:
    partner = make_user(PARTNER_ADMINISTRATOR, user_type="partner")
    client = api_client_for(partner)
    assert client.get("/api/v1/roles").json()["count"] == 0
    role = Role.objects.get(code=SALESPERSON)
    assert client.get(f"/api/v1/roles/{role.pk}").status_code == 404


def test_resources_create_and_set_manager(admin_user: User, api_client_for) -> None:
    client = api_client_for(admin_user)
    boss = client.post("/api/v1/resources", {"name": "Boss"}, content_type="application/json")
    assert boss.status_code == 201, boss.content
    worker = client.post(
        "/api/v1/resources",
        {"name": "Worker", "manager_id": boss.json()["id"]},
        content_type="application/json",
    )
    assert worker.json()["manager_id"] == boss.json()["id"]
    listed = client.get("/api/v1/resources").json()
    assert [r["name"] for r in listed["items"]] == ["Boss", "Worker"]


def test_resource_hierarchy_refuses_cycles(admin_user: User, api_client_for) -> None:
    boss = resource_create(actor=as_actor(admin_user), name="Boss")
    worker = resource_create(actor=as_actor(admin_user), name="Worker", manager=boss)
    response = api_client_for(admin_user).patch(
        f"/api/v1/resources/{boss.pk}",
        {"version": boss.version, "manager_id": worker.pk},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "manager"
    boss.refresh_from_db()
    assert boss.manager_id is None


def test_resource_patch_clears_manager_with_null(admin_user: User, api_client_for) -> None:
    boss = resource_create(actor=as_actor(admin_user), name="Boss")
    worker = resource_create(actor=as_actor(admin_user), name="Worker", manager=boss)
    client = api_client_for(admin_user)
    renamed = client.patch(
        f"/api/v1/resources/{worker.pk}",
        {"version": 1, "title": "Rep"},
        content_type="application/json",
    )
    assert renamed.json()["manager_id"] == boss.pk
    cleared = client.patch(
        f"/api/v1/resources/{worker.pk}",
        {"version": 2, "manager_id": None},
        content_type="application/json",
    )
    assert cleared.status_code == 200
    assert Resource.objects.get(pk=worker.pk).manager_id is None


def test_resource_unknown_manager_is_a_field_error(admin_user: User, api_client_for) -> None:
    response = api_client_for(admin_user).post(
        "/api/v1/resources", {"name": "X", "manager_id": 999999}, content_type="application/json"
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "manager_id"
