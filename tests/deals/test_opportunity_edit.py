"""Editing an opportunity on the internal Edit page, the portal's edit page
and `PATCH /api/v1/opportunities/{id}`: one service, the same refusals
(DEAL-1, DEAL-9, PLAT-6)."""

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.deals import services
from openprm.deals.models import DealRegistration, Opportunity
from openprm.identity.models import Resource, User
from tests.factories import as_actor

pytestmark = pytest.mark.django_db
Register = Callable[..., DealRegistration]


def _patch(client: Client, opportunity: Opportunity, body: dict[str, Any]) -> Any:
    return client.patch(
        f"/api/v1/opportunities/{opportunity.pk}",
        json.dumps(body, default=str),
        content_type="application/json",
    )


@pytest.fixture
def other_account(channel_manager: User) -> Account:
    return account_create(
        actor=as_actor(channel_manager), data={"name": "Globex Inc", "country": "US"}
    )


def _form(opportunity: Opportunity, **extra: Any) -> dict[str, Any]:
    return {
        "version": opportunity.version,
        "name": opportunity.name,
        "account_id": opportunity.account_id,
        "close_date": opportunity.close_date.isoformat(),
        "amount": str(opportunity.amount),
        "currency": opportunity.currency,
        **extra,
    }


def test_deal_9_a_partner_on_the_team_at_edit_edits_the_deal_in_the_portal(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], registered: Opportunity
) -> None:
    rep = client_for(two_partners["nw_rep"].user)
    listing = rep.get("/portal/opportunities/").content.decode()
    assert f"/portal/opportunities/{registered.pk}/edit/" in listing
    url = f"/portal/opportunities/{registered.pk}/edit/"
    assert rep.get(url).status_code == 200
    later = timezone.localdate() + dt.timedelta(days=60)
    saved = rep.post(url, _form(registered, name="Acme, phase 2", close_date=later.isoformat()))
    assert saved.status_code == 302
    assert saved["Location"] == f"/portal/opportunities/{registered.pk}/"
    assert "Acme, phase 2" in rep.get(saved["Location"]).content.decode()
    registered.refresh_from_db()
    assert (registered.name, registered.close_date, registered.version) == (
        "Acme, phase 2",
        later,
        2,
    )


def test_deal_9_the_portal_opportunity_page_shows_the_deal_its_products_and_team(
    client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    registered: Opportunity,
    channel_manager: User,
) -> None:
    """The list's name opens the deal: its customer, amount, products, sales
    team and the partner's own registration; Edit only for a user whose
    resource is on the team at Edit or Full. Another partner and the brand
    owner's people get 404 — the internal page is theirs."""
    page = f"/portal/opportunities/{registered.pk}/"
    rep = client_for(two_partners["nw_rep"].user)
    assert f'href="{page}"' in rep.get("/portal/opportunities/").content.decode()
    shown = rep.get(page).content.decode()
    line = registered.lines.select_related("product").get()
    registration = registered.registrations.get()
    for fact in (registered.account.name, line.product.name, registration.number, "Edit"):
        assert fact in shown
    assert f"{page}edit/" in shown
    assert two_partners["nw_rep"].resource.name in shown
    admin_page = client_for(two_partners["nw_admin"].user).get(page).content.decode()
    assert registered.name in admin_page
    assert f"{page}edit/" not in admin_page
    assert client_for(two_partners["co_rep"].user).get(page).status_code == 404
    assert client_for(channel_manager).get(page).status_code == 404


def _join_team(
    channel_manager: User, opportunity: Opportunity, contact: Any, access_level: str
) -> None:
    """The partner contact's resource joins the deal's team (DEAL-9)."""
    services.opportunity_team_add(
        actor=as_actor(channel_manager),
        opportunity=opportunity,
        resource_id=contact.resource.pk,
        access_level=access_level,
    )


def test_deal_9_prg_7_a_partner_on_another_partners_deal_never_sees_that_partner_named(
    client_for: Callable[[User], Client],
    api_client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    registered: Opportunity,
    channel_manager: User,
) -> None:
    """Contoso's representative joins the team of Northwind's deal: each
    partner sees the deal with the brand owner's people and its own, on its
    page, in the list and through the API, and never the other organization
    or its people (the list says "Another partner")."""
    nw_rep, co_rep = two_partners["nw_rep"], two_partners["co_rep"]
    _join_team(channel_manager, registered, co_rep, "view")
    page = f"/portal/opportunities/{registered.pk}/"
    team = f"/api/v1/opportunities/{registered.pk}/team"
    for me, other in ((co_rep, nw_rep), (nw_rep, co_rep)):
        shown = client_for(me.user).get(page).content.decode()
        names = [m["resource_name"] for m in api_client_for(me.user).get(team).json()]
        assert me.resource.name in shown
        assert me.resource.name in names
        assert other.resource.name not in shown
        assert other.resource.name not in names
        assert other.partner.account.name not in shown
    listing = client_for(co_rep.user).get("/portal/opportunities/").content.decode()
    assert registered.name in listing
    assert "Another partner" in listing
    assert nw_rep.partner.account.name not in listing
    assert (
        nw_rep.partner.account.name
        in client_for(nw_rep.user).get("/portal/opportunities/").content.decode()
    )
    internal = client_for(channel_manager).get(team).json()
    assert {nw_rep.resource.name, co_rep.resource.name} <= {m["resource_name"] for m in internal}


def test_deal_9_a_partner_not_on_the_team_sees_the_deal_but_cannot_edit_it(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], registered: Opportunity
) -> None:
    """Its organization is the deal's partner (it sees it) but its own
    resource is not on the team; another partner does not even see it."""
    admin = client_for(two_partners["nw_admin"].user)
    url = f"/portal/opportunities/{registered.pk}/edit/"
    listing = admin.get("/portal/opportunities/").content.decode()
    assert registered.name in listing
    assert url not in listing
    assert admin.get(url).status_code == 403
    assert admin.post(url, _form(registered, name="Taken")).status_code == 403
    assert client_for(two_partners["co_rep"].user).get(url).status_code == 404
    registered.refresh_from_db()
    assert registered.name != "Taken"


def test_deal_9_a_partner_at_view_level_cannot_edit_through_the_api(
    api_client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    channel_manager: User,
    own_deal: Opportunity,
) -> None:
    resource = two_partners["co_rep"].resource
    services.opportunity_team_add(
        actor=as_actor(channel_manager),
        opportunity=own_deal,
        resource_id=resource.pk,
        access_level="view",
    )
    contoso = api_client_for(two_partners["co_rep"].user)
    assert contoso.get(f"/api/v1/opportunities/{own_deal.pk}").status_code == 200
    refused = _patch(contoso, own_deal, {"version": own_deal.version, "name": "Mine now"})
    assert refused.status_code == 403
    own_deal.team.filter(resource=resource).update(access_level="edit")
    allowed = _patch(contoso, own_deal, {"version": own_deal.version, "name": "Ours"})
    assert allowed.status_code == 200, allowed.content
    assert allowed.json()["name"] == "Ours"


def test_plat_6_patch_without_a_version_is_a_field_error_and_a_stale_one_a_409(
    api_client_for: Callable[[User], Client], channel_manager: User, own_deal: Opportunity
) -> None:
    cam = api_client_for(channel_manager)
    missing = _patch(cam, own_deal, {"name": "No version"})
    assert missing.status_code == 422
    assert [e["field"] for e in missing.json()["errors"]] == ["version"]
    saved = _patch(cam, own_deal, {"version": 1, "amount": "3000.00", "currency": "eur"})
    assert saved.status_code == 200, saved.content
    assert (saved.json()["amount"], saved.json()["currency"], saved.json()["version"]) == (
        "3000.00",
        "EUR",
        2,
    )
    stale = _patch(cam, own_deal, {"version": 1, "name": "Late"})
    assert stale.status_code == 409
    assert stale.json()["code"] == "stale_version"
    assert stale.json()["current"]["amount"] == "3000.00"
    own_deal.refresh_from_db()
    assert own_deal.name == "Acme campus"


def test_deal_1_bad_values_are_refused_with_nothing_saved(
    api_client_for: Callable[[User], Client], channel_manager: User, own_deal: Opportunity
) -> None:
    cam = api_client_for(channel_manager)
    yesterday = timezone.localdate() - dt.timedelta(days=1)
    refused = _patch(
        cam, own_deal, {"version": 1, "name": " ", "amount": "0", "close_date": yesterday}
    )
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["errors"]} == {"name", "amount", "close_date"}
    own_deal.refresh_from_db()
    assert (own_deal.version, own_deal.amount) == (1, Decimal("2500.00"))


def test_deal_1_a_closed_opportunity_keeps_its_amount(
    api_client_for: Callable[[User], Client], channel_manager: User, own_deal: Opportunity
) -> None:
    own_deal = services.opportunity_set_stage(
        actor=as_actor(channel_manager), opportunity=own_deal, stage="won", expected_version=1
    )
    cam = api_client_for(channel_manager)
    refused = _patch(cam, own_deal, {"version": own_deal.version, "amount": "1.00"})
    assert refused.status_code == 409
    assert refused.json()["code"] == "opportunity_closed"
    renamed = _patch(cam, own_deal, {"version": own_deal.version, "name": "Acme campus (won)"})
    assert renamed.status_code == 200
    assert renamed.json()["amount"] == "2500.00"


def test_deal_1_a_registered_opportunity_stays_on_its_account(
    api_client_for: Callable[[User], Client],
    client_for: Callable[[User], Client],
    channel_manager: User,
    registered: Opportunity,
    other_account: Account,
) -> None:
    refused = _patch(
        api_client_for(channel_manager),
        registered,
        {"version": registered.version, "account_id": other_account.pk},
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "opportunity_registered"
    page = client_for(channel_manager).post(
        f"/deals/opportunities/{registered.pk}/edit/",
        _form(registered, account_id=other_account.pk),
    )
    assert page.status_code == 200
    assert "registration holds this opportunity" in page.content.decode()
    registered.refresh_from_db()
    assert registered.account_id != other_account.pk


def test_deal_1_the_internal_edit_page_moves_an_unregistered_deal(
    client_for: Callable[[User], Client],
    channel_manager: User,
    own_deal: Opportunity,
    other_account: Account,
) -> None:
    web = client_for(channel_manager)
    detail = web.get(f"/deals/opportunities/{own_deal.pk}/").content.decode()
    assert f"/deals/opportunities/{own_deal.pk}/edit/" in detail
    saved = web.post(
        f"/deals/opportunities/{own_deal.pk}/edit/",
        _form(own_deal, account_id=other_account.pk, amount="4100"),
    )
    assert saved.status_code == 302
    own_deal.refresh_from_db()
    assert (own_deal.account_id, own_deal.amount) == (other_account.pk, Decimal("4100"))
    stale = web.post(f"/deals/opportunities/{own_deal.pk}/edit/", _form(own_deal, version=1))
    assert stale.status_code == 200
    assert "changed by someone else" in stale.content.decode()


def test_team_2_an_edit_member_edits_the_deal_but_not_its_team_or_owner(
    api_client_for: Callable[[User], Client],
    client_for: Callable[[User], Client],
    edit_member: User,
    sales_admin: User,
    own_deal: Opportunity,
) -> None:
    page = client_for(edit_member).get(f"/deals/opportunities/{own_deal.pk}/").content.decode()
    assert f"/deals/opportunities/{own_deal.pk}/edit/" in page
    assert 'id="stage-title"' in page
    assert "Add to the team" not in page
    assert f"/deals/opportunities/{own_deal.pk}/team/remove/" not in page
    api = api_client_for(edit_member)
    renamed = _patch(api, own_deal, {"version": 1, "name": "Acme campus, edited"})
    assert renamed.status_code == 200
    reassigned = _patch(api, own_deal, {"version": 2, "owner_id": edit_member.pk})
    assert reassigned.status_code == 403
    assert reassigned.json()["code"] == "full_access_needed"
    joined = api.post(
        f"/api/v1/opportunities/{own_deal.pk}/team",
        {"resource_id": Resource.objects.create(name="Other").pk},
        content_type="application/json",
    )
    assert joined.status_code == 403
    member = own_deal.team.get(resource__user=edit_member)
    removed = api.delete(f"/api/v1/opportunities/{own_deal.pk}/team/{member.pk}")
    assert removed.status_code == 403
    assert own_deal.team.filter(pk=member.pk).exists()


def test_team_2_a_full_member_manages_the_team_and_gives_the_deal_an_owner(
    api_client_for: Callable[[User], Client],
    client_for: Callable[[User], Client],
    edit_member: User,
    own_deal: Opportunity,
) -> None:
    own_deal.team.filter(resource__user=edit_member).update(access_level="full")
    page = client_for(edit_member).get(f"/deals/opportunities/{own_deal.pk}/").content.decode()
    assert "Add to the team" in page
    api = api_client_for(edit_member)
    reassigned = _patch(api, own_deal, {"version": 1, "owner_id": edit_member.pk})
    assert reassigned.status_code == 200
    assert reassigned.json()["owner_id"] == edit_member.pk
    other = Resource.objects.create(name="Other")
    joined = api.post(
        f"/api/v1/opportunities/{own_deal.pk}/team",
        {"resource_id": other.pk, "access_level": "view"},
        content_type="application/json",
    )
    assert joined.status_code == 201


def test_deal_9_a_partner_edit_member_moves_the_stage_but_never_manages_the_team(
    api_client_for: Callable[[User], Client], two_partners: dict[str, Any], registered: Opportunity
) -> None:
    rep = api_client_for(two_partners["nw_rep"].user)
    url = f"/api/v1/opportunities/{registered.pk}"
    moved = rep.post(
        f"{url}/stage",
        {"version": registered.version, "stage": "proposal"},
        content_type="application/json",
    )
    assert moved.status_code == 200
    admin = api_client_for(two_partners["nw_admin"].user)
    refused = admin.post(
        f"{url}/stage", {"version": 2, "stage": "negotiation"}, content_type="application/json"
    )
    assert refused.status_code == 403
    member = registered.team.get()
    assert rep.delete(f"{url}/team/{member.pk}").status_code == 403


def test_deal_9_prg_7_the_deal_s_trail_names_another_partner_s_editor_by_no_name(
    client_for: Callable[[User], Client],
    api_client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    registered: Opportunity,
    channel_manager: User,
) -> None:
    """PRG-7 through the API's trail, the function the History tab uses:
    Contoso's representative edits Northwind's deal from its team (Edit,
    DEAL-9); Northwind's representative reads that change's author as
    "Another partner", never by sign-in or full name, and the brand owner's
    channel manager by full name. The channel manager reads both by name."""
    User.objects.filter(pk=channel_manager.pk).update(first_name="Cam", last_name="Channel")
    nw_rep, co_rep = two_partners["nw_rep"], two_partners["co_rep"]
    _join_team(channel_manager, registered, co_rep, "edit")
    url = f"/portal/opportunities/{registered.pk}/edit/"
    saved = client_for(co_rep.user).post(url, _form(registered, name="Acme, shared"))
    assert saved.status_code == 302
    trail = {"object": f"deals.opportunity:{registered.pk}"}
    read = api_client_for(nw_rep.user).get("/api/v1/audit", trail)
    authors = [entry["actor_name"] for entry in read.json()["items"]]
    assert authors[0] == "Another partner"
    assert "Cam Channel" in authors
    assert channel_manager.username not in authors
    for hidden in (co_rep.user.username, co_rep.user.get_full_name()):
        assert hidden not in read.content.decode()
    internal = api_client_for(channel_manager).get("/api/v1/audit", trail).json()["items"]
    assert internal[0]["actor_name"] == co_rep.user.get_full_name()
    assert "Cam Channel" in [entry["actor_name"] for entry in internal]
