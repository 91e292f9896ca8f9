"""The internal opportunity page's owner form and product picker, a closed
deal's stage, and who has a routed lead on the leads list (DEAL-1, DEAL-4,
DEAL-6, DEAL-9, TEAM-2)."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from openprm.catalog.models import Product
from openprm.customers.models import Account
from openprm.deals import services
from openprm.deals.models import Lead, Opportunity
from openprm.identity.models import Resource, User
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def _page(client: Client, opportunity: Opportunity) -> str:
    answer = client.get(f"/deals/opportunities/{opportunity.pk}/")
    assert answer.status_code == 200
    return answer.content.decode()


def _assign(client: Client, opportunity: Opportunity, owner: User) -> Any:
    return client.post(
        f"/deals/opportunities/{opportunity.pk}/owner/",
        {"version": opportunity.version, "owner_id": owner.pk},
        follow=True,
    )


def test_team_2_the_owner_gives_the_deal_another_owner_on_its_page(
    client_for: Callable[[User], Client],
    channel_manager: User,
    edit_member: User,
    own_deal: Opportunity,
) -> None:
    """Through the service `PATCH /opportunities/{id}` uses: the version
    moves and the page says who owns the deal now."""
    cam = client_for(channel_manager)
    assert 'data-testid="owner-form"' in _page(cam, own_deal)
    answer = _assign(cam, own_deal, edit_member)
    assert "Acme campus has a new owner." in answer.content.decode()
    own_deal.refresh_from_db()
    assert (own_deal.owner_id, own_deal.version) == (edit_member.pk, 2)


def test_team_2_an_edit_member_sees_no_owner_form_and_is_refused(
    client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    edit_member: User,
    own_deal: Opportunity,
) -> None:
    """Edit edits the deal, not its owner: no form, 403 on a forged post;
    someone who does not see the deal gets 404, like a missing one."""
    member = client_for(edit_member)
    assert 'data-testid="owner-form"' not in _page(member, own_deal)
    assert _assign(member, own_deal, edit_member).status_code == 403
    partner = client_for(two_partners["co_rep"].user)
    assert _assign(partner, own_deal, edit_member).status_code == 404
    own_deal.refresh_from_db()
    assert own_deal.owner_id != edit_member.pk


def test_team_2_the_owner_picker_finds_the_brand_owner_s_active_people_by_name(
    client_for: Callable[[User], Client],
    channel_manager: User,
    edit_member: User,
    two_partners: dict[str, Any],
    own_deal: Opportunity,
) -> None:
    """The Owner box searches as one types — first, last or full name —
    and offers only the brand owner's active people; a partner user given
    by hand is refused with the reason. Only those who may give the deal
    away may search (an Edit member 403, a partner 404)."""
    edit_member.first_name, edit_member.last_name = "Samantha", "Seller"
    edit_member.save()
    User.objects.create_user("gone", first_name="Samuel", last_name="Gone", is_active=False)
    partner_user = two_partners["nw_rep"].user
    partner_user.first_name = "Samira"
    partner_user.save()
    cam = client_for(channel_manager)
    page = _page(cam, own_deal)
    assert 'placeholder="Type a person&#x27;s name…"' in page
    url = f"/deals/opportunities/{own_deal.pk}/owners/?field=owner_id&owner_id_search="
    for typed in ("sam", "SELL", "samantha se"):
        found = cam.get(url + typed).content.decode()
        assert "Samantha Seller" in found, typed
        assert "Samuel" not in found
        assert "Samira" not in found
    assert "Samantha Seller" not in cam.get(url + "samantha x").content.decode()
    assert client_for(edit_member).get(url + "sam").status_code == 403
    assert client_for(two_partners["co_rep"].user).get(url + "sam").status_code == 404

    answer = _assign(cam, own_deal, partner_user)
    assert "Choose an active user of your company." in answer.content.decode()
    own_deal.refresh_from_db()
    assert own_deal.owner_id == channel_manager.pk
    typed = {"version": own_deal.version, "owner_id": "", "owner_id_search": "Samantha Seller"}
    cam.post(f"/deals/opportunities/{own_deal.pk}/owner/", typed)
    own_deal.refresh_from_db()
    assert own_deal.owner_id == edit_member.pk


def test_deal_9_the_team_picker_finds_people_not_on_the_team_by_name(
    client_for: Callable[[User], Client],
    channel_manager: User,
    edit_member: User,
    two_partners: dict[str, Any],
    own_deal: Opportunity,
) -> None:
    """The Sales team's Person box searches as one types, by the start of
    the name or of a word of it: active people not on the team yet, a
    partner's person with its organization. Only those who manage the team
    may search (an Edit member 403, a partner 404); a typed full name is
    enough without JavaScript."""
    Resource.objects.create(name="Nora Gone", active=False)
    partner_person = two_partners["nw_rep"].resource
    cam = client_for(channel_manager)
    page = _page(cam, own_deal)
    assert partner_person.name not in page.split("team-title")[1]
    url = f"/deals/opportunities/{own_deal.pk}/people/?field=resource_id&resource_id_search="
    found = cam.get(url + partner_person.name.split()[-1][:3]).content.decode()
    assert partner_person.name in found
    assert two_partners["nw"].account.name in found
    assert "Nora Gone" not in cam.get(url + "nor").content.decode()
    assert "Sam Seller" not in cam.get(url + "sam").content.decode()  # already on the team
    assert client_for(edit_member).get(url + "nw").status_code == 403
    assert client_for(two_partners["co_rep"].user).get(url + "nw").status_code == 404

    typed = {"resource_id": "", "resource_id_search": partner_person.name, "access_level": "view"}
    cam.post(f"/deals/opportunities/{own_deal.pk}/team/", typed)
    assert own_deal.team.filter(resource=partner_person, access_level="view").exists()


def test_deal_1_the_product_picker_finds_active_products_by_name_or_code(
    client_for: Callable[[User], Client],
    channel_manager: User,
    own_deal: Opportunity,
    products: dict[str, Product],
) -> None:
    """The page lists no products; the picker finds a few as one types,
    never an inactive one."""
    products["AP-6"].is_active = False
    products["AP-6"].save()
    cam = client_for(channel_manager)
    page = _page(cam, own_deal)
    assert "Switch 24" not in page
    assert 'placeholder="Type a product&#x27;s name or code…"' in page
    url = f"/deals/opportunities/{own_deal.pk}/products/?field=product_id&product_id_search="
    assert "Switch 24" in cam.get(url + "swi").content.decode()
    by_code = cam.get(url + "sw-2").content.decode()
    assert "Switch 24" in by_code
    assert "Firewall" not in by_code
    assert "No match." in cam.get(url + "acc").content.decode()


def test_deal_9_the_product_picker_answers_only_those_who_edit_the_deal(
    client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    registered: Opportunity,
    salesperson: User,
) -> None:
    url = f"/deals/opportunities/{registered.pk}/products/?q=sw"
    assert client_for(two_partners["co_rep"].user).get(url).status_code == 404
    assert client_for(salesperson).get(url).status_code == 404


def test_deal_1_without_javascript_a_typed_product_code_adds_the_line(
    client_for: Callable[[User], Client],
    channel_manager: User,
    own_deal: Opportunity,
    products: dict[str, Product],
) -> None:
    """The picker's text box alone: a code (or a name) that names one
    product is that product; one that names several asks to choose."""
    cam = client_for(channel_manager)
    url = f"/deals/opportunities/{own_deal.pk}/lines/"
    cam.post(url, {"product_id_search": "SW-24", "quantity": 2, "amount": "800"})
    own_deal.refresh_from_db()
    assert own_deal.amount == 3300
    assert own_deal.lines.filter(product=products["SW-24"], quantity=2).exists()
    products["SW-24"].name = "Firewall switch"
    products["SW-24"].save()
    vague = cam.post(url, {"product_id_search": "Fire", "amount": "1"}, follow=True)
    assert "Choose a product and give a quantity and an amount." in vague.content.decode()
    assert own_deal.lines.count() == 2


def test_deal_6_a_closed_deal_s_stage_no_longer_moves(
    api_client_for: Callable[[User], Client], channel_manager: User, own_deal: Opportunity
) -> None:
    """409 `opportunity_closed`, the code every refusal of a closed deal
    gives."""
    cam = as_actor(channel_manager)
    own_deal = services.opportunity_set_stage(
        actor=cam, opportunity=own_deal, stage="won", expected_version=own_deal.version
    )
    refused = api_client_for(channel_manager).post(
        f"/api/v1/opportunities/{own_deal.pk}/stage",
        json.dumps({"version": own_deal.version, "stage": "proposal"}),
        content_type="application/json",
    )
    assert refused.status_code == 409
    assert refused.json()["code"] == "opportunity_closed"
    own_deal.refresh_from_db()
    assert own_deal.stage == "won"


def test_deal_4_the_leads_list_says_which_partner_a_lead_waits_on(
    client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    channel_manager: User,
    customer: Account,
) -> None:
    """Once every lead shown is offered, the list names the partner and
    offers no routing button any more."""
    cam = as_actor(channel_manager)
    services.lead_create(actor=cam, account_id=customer.pk, name="Acme branch offices")
    web = client_for(channel_manager)
    assert 'data-testid="route-batch"' in web.get("/deals/leads/").content.decode()
    web.post("/deals/leads/route/", {"lead_ids": list(Lead.objects.values_list("pk", flat=True))})
    page = web.get("/deals/leads/").content.decode()
    assert 'data-testid="route-batch"' not in page
    assert "Offered to" in page
    names = {two_partners["nw"].account.name, two_partners["co"].account.name}
    assert any(f">{name}<" in page for name in names)
