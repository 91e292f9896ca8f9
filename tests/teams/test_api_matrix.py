"""TEAM-1..TEAM-5, TER-1..TER-4 through the API, and the permission matrix:
routes of customers, contacts, teams and territories by roles by records
(own, another's, soft-deleted). Forbidden is 404 (or 403 for a missing
privilege on a visible record) and refused writes leave the tables unchanged."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from openprm.core.testing.matrix import Row, run_matrix
from openprm.customers.models import Account
from openprm.identity.catalog import SALESPERSON
from openprm.teams import services as team_services
from openprm.teams.models import AccountTeamMember
from openprm.territories.models import AccountTerritory, Territory
from tests.factories import as_actor, make_user
from tests.teams.helpers import account, resource_for, territory

pytestmark = pytest.mark.django_db


def test_team_1_api_add_member_uses_default_level_and_full_can_grant_full(
    salesperson: Any, api_client_for: Callable[[Any], Client]
) -> None:
    """TEAM-1: api add member uses default level and full can grant full."""
    acme = account(owner=salesperson)
    colleague = make_user(SALESPERSON)
    client = api_client_for(salesperson)
    created = client.post(
        f"/api/v1/accounts/{acme.pk}/team",
        {"user_id": colleague.pk},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert created.json()["access_level"] == "edit"
    member_id = created.json()["id"]
    patched = client.patch(
        f"/api/v1/accounts/{acme.pk}/team/{member_id}",
        {"version": 1, "access_level": "full"},
        content_type="application/json",
    )
    assert patched.json()["access_level"] == "full"
    stale = client.patch(
        f"/api/v1/accounts/{acme.pk}/team/{member_id}",
        {"version": 1, "locked": True},
        content_type="application/json",
    )
    assert stale.status_code == 409
    listed = api_client_for(colleague).get(f"/api/v1/accounts/{acme.pk}/team")
    assert [m["id"] for m in listed.json()["items"]] == [member_id]


def test_ter_2_api_territory_crud_criteria_and_assign(
    sales_admin: Any, salesperson: Any, api_client_for: Callable[[Any], Client]
) -> None:
    """TER-2: api territory crud criteria and assign."""
    admin = api_client_for(sales_admin)
    created = admin.post(
        "/api/v1/territories", {"name": "Nordics"}, content_type="application/json"
    )
    assert created.status_code == 201
    tid = created.json()["id"]
    criterion = admin.post(
        f"/api/v1/territories/{tid}/criteria",
        {"dimension": "country", "value": "SE"},
        content_type="application/json",
    )
    assert criterion.status_code == 201
    member = admin.post(
        f"/api/v1/territories/{tid}/members",
        {"resource_id": resource_for(salesperson).pk},
        content_type="application/json",
    )
    assert member.status_code == 201
    acme = account(owner=sales_admin, country="SE")
    listed = api_client_for(salesperson).get(f"/api/v1/accounts/{acme.pk}/territories")
    assert [t["territory_name"] for t in listed.json()] == ["Nordics"]
    refused = api_client_for(salesperson).post(
        "/api/v1/territories", {"name": "X"}, content_type="application/json"
    )
    assert refused.status_code == 403


def test_team_5_permission_matrix(
    salesperson: Any,
    sales_admin: Any,
    channel_manager: Any,
    api_client_for: Callable[[Any], Client],
) -> None:
    """TEAM-5: permission matrix."""
    owner = salesperson
    viewer, editor, full, nobody, ter_member, boss = (make_user(SALESPERSON) for _ in range(6))
    partner_user = make_user(user_type="partner")
    resource_for(ter_member, manager=resource_for(boss))
    territory("Chile", members=(ter_member.resource,), country="CL")
    own = account("Own", owner=owner, country="CL")
    other = account("Other", owner=sales_admin)
    deleted = account("Deleted", owner=owner, is_active=False)
    for user, level in ((viewer, "view"), (editor, "edit"), (full, "full")):
        team_services.team_member_add(
            actor=as_actor(owner), account=own, user_id=user.pk, access_level=level
        )
    member = AccountTeamMember.objects.get(account=own, user=viewer)
    ter = Territory.objects.get(name="Chile")
    actors = {
        "nobody": nobody, "view": viewer, "edit": editor, "full": full, "owner": owner,
        "salesadmin": sales_admin, "territory": ter_member, "manager": boss,
        "partner": partner_user,
    }  # fmt: skip
    clients = {name: api_client_for(user) for name, user in actors.items()}
    sees_own = {"view", "edit", "full", "owner", "salesadmin", "territory", "manager"}
    edits_own = {"edit", "full", "owner", "salesadmin", "territory", "manager"}
    full_own = {"full", "owner", "salesadmin"}
    rows: list[Row] = []
    unchanged = (Account, AccountTeamMember, AccountTerritory)
    for name in actors:
        sees = name in sees_own
        rows += [
            Row(name, "get", f"/api/v1/accounts/{own.pk}", 200 if sees else 404),
            Row(name, "get", f"/api/v1/accounts/{own.pk}/team", 200 if sees else 404),
            Row(name, "get", f"/api/v1/accounts/{own.pk}/notes", 200 if sees else 404),
            Row(name, "get", f"/api/v1/accounts/{own.pk}/territories", 200 if sees else 404),
            Row(name, "get", f"/api/v1/accounts/{other.pk}", 200 if name == "salesadmin" else 404),
            Row(name, "get", f"/api/v1/accounts/{deleted.pk}", 404),
            Row(name, "get", f"/api/v1/accounts/{deleted.pk}/team", 404),
            Row(
                name,
                "patch",
                f"/api/v1/accounts/{own.pk}",
                200 if name in edits_own else (403 if sees else 404),
                body={"version": own.version, "name": "Renamed"},
                unchanged=unchanged,
            ),
            Row(
                name,
                "post",
                f"/api/v1/accounts/{own.pk}/team",
                201 if name in full_own else (403 if sees else 404),
                body={"user_id": nobody.pk if name != "nobody" else channel_manager.pk},
                unchanged=unchanged,
            ),
            Row(
                name,
                "delete",
                f"/api/v1/accounts/{own.pk}/team/{member.pk}",
                204 if name in full_own else (403 if sees else 404),
                unchanged=unchanged,
            ),
            Row(
                name,
                "post",
                f"/api/v1/accounts/{own.pk}/territories/assign",
                200 if name in edits_own else (403 if sees else 404),
                unchanged=(AccountTerritory,),
            ),
            Row(
                name,
                "post",
                f"/api/v1/accounts/{deleted.pk}/team",
                404,
                body={"user_id": nobody.pk},
                unchanged=unchanged,
            ),
            Row(
                name,
                "delete",
                f"/api/v1/territories/{ter.pk}",
                204 if name == "salesadmin" else 403 if name != "partner" else 404,
                unchanged=(Territory,),
            ),
            Row(
                name,
                "get",
                f"/api/v1/contacts?q={own.name}",
                200,
            ),
        ]
    run_matrix(clients, rows)
