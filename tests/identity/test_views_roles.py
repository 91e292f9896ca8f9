"""Roles and resources pages: PLAT-2 privileges by role and refusals,
PLAT-6 stale edits, TEAM-4 management hierarchy without cycles."""

import pytest
from django.urls import reverse

from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import Privilege, Role
from openprm.identity.services import resource_create, role_set_privileges
from openprm.territories.catalog import MANAGE_TERRITORIES
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def test_plat_2_role_list_shows_privileges(admin_user, client_for) -> None:
    body = client_for(admin_user).get(reverse("identity:role_list")).content.decode()
    assert "Channel Account Manager" in body
    assert "Approve Deal Registrations" in body


def test_plat_2_roles_refused_naming_the_privilege(salesperson, client_for) -> None:
    response = client_for(salesperson).get(reverse("identity:role_list"))
    assert response.status_code == 403
    assert "This action needs the privilege “Manage Users and Roles”." in response.content.decode()


def test_plat_2_edit_role_privileges(admin_user, client_for) -> None:
    role = Role.objects.get(code=SALESPERSON)
    territories = Privilege.objects.get(code=MANAGE_TERRITORIES)
    response = client_for(admin_user).post(
        reverse("identity:role_edit", args=[role.pk]),
        {"privileges": [territories.pk], "version": role.version},
        follow=True,
    )
    assert "Privileges of “Salesperson” saved." in response.content.decode()
    assert list(role.privileges.values_list("code", flat=True)) == [MANAGE_TERRITORIES]
    page = client_for(admin_user).get(reverse("identity:role_edit", args=[role.pk]))
    assert '<td title="privileges_changed">Privileges changed</td>' in page.content.decode()


def test_plat_6_stale_role_edit_shows_current_privileges(admin_user, client_for) -> None:
    role = Role.objects.get(code=SALESPERSON)
    seen = role.version
    territories = Privilege.objects.get(code=MANAGE_TERRITORIES)
    role_set_privileges(
        actor=as_actor(admin_user), role=role, privileges=[territories], expected_version=seen
    )
    response = client_for(admin_user).post(
        reverse("identity:role_edit", args=[role.pk]), {"privileges": [], "version": seen}
    )
    body = response.content.decode()
    assert 'data-testid="stale-warning"' in body
    assert "<dd>Manage Territories</dd>" in body


def test_team_4_set_manager_and_refuse_a_cycle(admin_user, client_for) -> None:
    boss = resource_create(actor=as_actor(admin_user), name="Boss")
    worker = resource_create(actor=as_actor(admin_user), name="Worker", manager=boss)
    client = client_for(admin_user)
    listing = client.get(reverse("identity:resource_list")).content.decode()
    assert "Worker" in listing
    assert "Boss" in listing
    response = client.post(
        reverse("identity:resource_manager", args=[boss.pk]),
        {"manager": worker.pk, "version": boss.version},
    )
    assert 'id="id_manager_error"' in response.content.decode()
    assert "circular" in response.content.decode()
    boss.refresh_from_db()
    assert boss.manager is None


def test_plat_2_resources_refused_naming_the_privilege(salesperson, client_for) -> None:
    response = client_for(salesperson).get(reverse("identity:resource_list"))
    assert response.status_code == 403
    assert "Manage Users and Roles" in response.content.decode()


def test_plat_2_role_and_resource_lists_make_no_query_per_row(
    admin_user, client_for, django_assert_max_num_queries
) -> None:
    boss = resource_create(actor=as_actor(admin_user), name="Boss")
    for i in range(5):
        resource_create(actor=as_actor(admin_user), name=f"Worker {i}", manager=boss)
    client = client_for(admin_user)
    with django_assert_max_num_queries(10):
        assert client.get(reverse("identity:role_list")).status_code == 200
    with django_assert_max_num_queries(10):
        assert client.get(reverse("identity:resource_list")).status_code == 200


def test_imp_3_resource_export_holds_the_list_with_managers(admin_user, client_for) -> None:
    boss = resource_create(actor=as_actor(admin_user), name="Boss")
    resource_create(actor=as_actor(admin_user), name="=Worker", manager=boss)
    client = client_for(admin_user)
    text = b"".join(
        client.get(reverse("identity:resource_list"), {"export": "csv"}).streaming_content
    ).decode()
    assert "'=Worker" in text
    assert ",Boss," in text
    xlsx = client.get(reverse("identity:resource_list"), {"export": "xlsx"})
    assert xlsx["Content-Disposition"].endswith('resources.xlsx"')
