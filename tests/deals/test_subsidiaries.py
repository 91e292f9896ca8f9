"""PRG-13: a parent partner's users see its subsidiaries' registrations,
opportunities and leads only where the brand owner switched that on for the
parent — through the lists, counts, details, exports and the API; they see,
never act for the subsidiary; a subsidiary's users never see the parent's or
a sibling's; an unrelated partner's users see none of them (404)."""

import datetime as dt
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from openprm.catalog.models import Product
from openprm.customers.models import Account
from openprm.deals import services
from openprm.deals.home import partner_opportunities_by_stage
from openprm.deals.models import DealRegistration, Lead
from openprm.identity.models import User
from openprm.partners import services as partner_services
from openprm.partners.models import PartnerContact, PartnerProfile
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def _register(contact: PartnerContact, product: Product, title: str) -> DealRegistration:
    actor = as_actor(contact.user)
    registration = services.registration_create(
        actor=actor,
        data={
            "title": title,
            "customer_name": f"{title} Inc.",
            "country": "US",
            "close_date": timezone.localdate() + dt.timedelta(days=30),
        },
        lines=[services.LineIn(product.pk, 1, Decimal("1000"))],
    )
    return services.registration_submit(
        actor=actor, registration=registration, expected_version=registration.version
    )


@pytest.fixture
def family(
    two_partners: dict[str, Any],
    make_partner: Callable[..., PartnerProfile],
    make_portal_user: Callable[..., PartnerContact],
    products: dict[str, Product],
    customer: Account,
    channel_manager: User,
) -> dict[str, Any]:
    """Northwind with two subsidiaries (Branch and East), each with a sales
    rep and a submitted registration; Contoso unrelated. Branch's
    registration is approved (its opportunity) and a lead waits for Branch."""
    northwind = two_partners["nw"]
    found: dict[str, Any] = {"nw": northwind, "co": two_partners["co"]}
    found["nw_rep"], found["co_rep"] = two_partners["nw_rep"], two_partners["co_rep"]
    for key, name in (("br", "Northwind Branch"), ("east", "Northwind East")):
        found[key] = make_partner(name, parent_id=northwind.account_id)
        found[f"{key}_rep"] = make_portal_user(found[key], f"{key}-rep")
    product = products["FW-100"]
    for key in ("nw", "br", "east", "co"):
        found[f"{key}_reg"] = _register(found[f"{key}_rep"], product, f"{key} deal")
    cam = as_actor(channel_manager)
    approved = services.registration_approve(
        actor=cam,
        registration=found["br_reg"],
        account_id=customer.pk,
        expected_version=found["br_reg"].version,
    )
    found["br_reg"], found["br_opp"] = approved, approved.opportunity
    lead = services.lead_create(actor=cam, account_id=customer.pk, name="Branch lead")
    services.lead_route(
        actor=cam, lead=lead, partner_id=found["br"].pk, expected_version=lead.version
    )
    found["br_lead"] = Lead.objects.get(pk=lead.pk)
    found["cam"] = channel_manager
    return found


def _switch(family: dict[str, Any], on: bool) -> None:
    northwind = PartnerProfile.objects.get(pk=family["nw"].pk)
    partner_services.partner_portal_update(
        actor=as_actor(family["cam"]),
        partner=northwind,
        expected_version=northwind.version,
        portal_shows_subsidiaries=on,
    )


def _registration_ids(api: Client) -> set[int]:
    answer = api.get("/api/v1/registrations").json()
    assert answer["count"] == len(answer["items"])
    return {r["id"] for r in answer["items"]}


def _ids(family: dict[str, Any], *keys: str) -> set[int]:
    return {family[f"{key}_reg"].pk for key in keys}


def test_prg_13_parent_sees_subsidiaries_registrations_only_when_switched_on_api(
    family: dict[str, Any], api_client_for: Callable[[User], Client]
) -> None:
    """PRG-13: the parent's list and count hold its own registrations until
    the switch is on, then its subsidiaries' too; detail follows the list
    (404 while off); never Contoso's."""
    api = api_client_for(family["nw_rep"].user)
    branch = family["br_reg"].pk
    assert _registration_ids(api) == _ids(family, "nw")
    assert api.get(f"/api/v1/registrations/{branch}").status_code == 404
    _switch(family, on=True)
    assert _registration_ids(api) == _ids(family, "nw", "br", "east")
    assert api.get(f"/api/v1/registrations/{branch}").json()["partner_name"] == "Northwind Branch"
    assert api.get(f"/api/v1/registrations/{family['co_reg'].pk}").status_code == 404
    _switch(family, on=False)
    assert _registration_ids(api) == _ids(family, "nw")
    assert api.get(f"/api/v1/registrations/{branch}").status_code == 404


def test_prg_13_parent_sees_but_never_acts_for_a_subsidiary(
    family: dict[str, Any], api_client_for: Callable[[User], Client]
) -> None:
    """PRG-13, DEAL-2: seeing a subsidiary's registration is not changing
    it: withdrawing it is refused (403) and it stays submitted."""
    _switch(family, on=True)
    api = api_client_for(family["nw_rep"].user)
    target = family["east_reg"]
    answer = api.post(
        f"/api/v1/registrations/{target.pk}/withdraw",
        json.dumps({"version": target.version}),
        content_type="application/json",
    )
    assert answer.status_code == 403
    assert answer["Content-Type"].startswith("application/problem+json")
    target.refresh_from_db()
    assert target.state == DealRegistration.State.SUBMITTED


def test_prg_13_subsidiary_and_unrelated_partner_see_only_their_own(
    family: dict[str, Any], api_client_for: Callable[[User], Client]
) -> None:
    """PRG-13, PRG-7: with the parent's switch on, a subsidiary's users
    still see only their organization's — never the parent's or a
    sibling's — and Contoso's see none of the family's (404)."""
    _switch(family, on=True)
    branch = api_client_for(family["br_rep"].user)
    assert _registration_ids(branch) == _ids(family, "br")
    for key in ("nw", "east"):
        assert branch.get(f"/api/v1/registrations/{family[f'{key}_reg'].pk}").status_code == 404
    contoso = api_client_for(family["co_rep"].user)
    assert _registration_ids(contoso) == _ids(family, "co")
    for key in ("nw", "br", "east"):
        assert contoso.get(f"/api/v1/registrations/{family[f'{key}_reg'].pk}").status_code == 404
    assert contoso.get(f"/api/v1/opportunities/{family['br_opp'].pk}").status_code == 404


def test_prg_13_subsidiary_opportunities_through_the_api(
    family: dict[str, Any], api_client_for: Callable[[User], Client]
) -> None:
    """PRG-13: the subsidiary's opportunity is in the parent's list, count,
    detail and home chart (PRG-8) only while the switch is on."""
    api = api_client_for(family["nw_rep"].user)
    opportunity = family["br_opp"].pk

    def charted() -> int:
        return partner_opportunities_by_stage(actor=as_actor(family["nw_rep"].user))["total"]

    assert api.get("/api/v1/opportunities").json()["count"] == 0
    assert charted() == 0
    assert api.get(f"/api/v1/opportunities/{opportunity}").status_code == 404
    _switch(family, on=True)
    listed = api.get("/api/v1/opportunities").json()
    assert (listed["count"], [o["id"] for o in listed["items"]]) == (1, [opportunity])
    assert api.get(f"/api/v1/opportunities/{opportunity}").status_code == 200
    assert charted() == 1
    assert api_client_for(family["east_rep"].user).get("/api/v1/opportunities").json()["count"] == 0


def test_prg_13_subsidiaries_business_through_the_portal_pages(
    family: dict[str, Any], client_for: Callable[[User], Client]
) -> None:
    """PRG-13: the portal's registration page and detail, its export, its
    opportunity and lead lists show the subsidiaries' records to the parent
    only while switched on; the parent cannot answer the subsidiary's lead."""
    page = client_for(family["nw_rep"].user)
    branch = family["br_reg"]
    detail = f"/portal/registrations/{branch.pk}/"
    assert page.get(detail).status_code == 404
    assert "br deal" not in page.get("/portal/registrations/").content.decode()
    assert "Branch lead" not in page.get("/portal/leads/").content.decode()
    _switch(family, on=True)
    assert page.get(detail).status_code == 200
    assert "br deal" in page.get("/portal/registrations/").content.decode()
    exported = page.get("/portal/registrations/?export=csv")
    assert exported.status_code == 200
    csv_text = b"".join(exported.streaming_content).decode()
    assert "br deal" in csv_text
    assert "east deal" in csv_text
    assert "co deal" not in csv_text
    assert family["br_opp"].name in page.get("/portal/opportunities/").content.decode()
    assert "Branch lead" in page.get("/portal/leads/").content.decode()
    lead = family["br_lead"]
    page.post(f"/portal/leads/{lead.pk}/accept/")
    lead.refresh_from_db()
    assert lead.status == Lead.Status.OFFERED
    assert page.get(f"/portal/registrations/{family['co_reg'].pk}/").status_code == 404
    sibling = client_for(family["east_rep"].user)
    assert sibling.get(detail).status_code == 404
    assert "Branch lead" not in sibling.get("/portal/leads/").content.decode()


def test_prg_13_prg_7_the_partner_filter_reaches_subsidiaries_only_while_switched_on(
    family: dict[str, Any], api_client_for: Callable[[User], Client]
) -> None:
    """DEAL-9: a parent's user filters its lists by a subsidiary's id and
    finds the subsidiary's business while the brand owner lets it see it;
    switched off, or by Contoso's id, the filter finds nothing."""
    api = api_client_for(family["nw_rep"].user)
    branch, contoso = family["br"].pk, family["co"].pk

    def found(partner: int) -> list[set[int]]:
        return [
            {r["id"] for r in api.get(f"/api/v1/{name}?partner={partner}").json()["items"]}
            for name in ("registrations", "opportunities")
        ]

    _switch(family, on=True)
    assert found(branch) == [_ids(family, "br"), {family["br_opp"].pk}]
    assert found(contoso) == [set(), set()]
    _switch(family, on=False)
    assert found(branch) == [set(), set()]
