"""Leads through the API, as the channel team and partners use them
(DEAL-1, DEAL-4, DEAL-8, PRG-7): the same rules as the pages."""

import datetime as dt
import json
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from openprm.customers.models import Account
from openprm.deals.models import Lead, LeadOffer

pytestmark = pytest.mark.django_db
LEADS = "/api/v1/leads"


def _post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, json.dumps(body or {}, default=str), content_type="application/json")


def _create(clients: dict[str, Client], customer: Account, name: str = "Acme wants Wi-Fi") -> Any:
    created = _post(
        clients["cam"], LEADS, {"account_id": customer.pk, "name": name, "amount": "2500.00"}
    )
    assert created.status_code == 201, created.content
    return created.json()


def _route_to(clients: dict[str, Client], lead: dict[str, Any], partner: Any) -> Any:
    routed = _post(
        clients["cam"],
        f"{LEADS}/{lead['id']}/route",
        {"version": lead["version"], "partner_id": partner.pk},
    )
    assert routed.status_code == 200, routed.content
    return routed.json()


def test_deal_1_create_a_lead_through_the_api(
    clients: dict[str, Client], customer: Account
) -> None:
    lead = _create(clients, customer)
    assert lead["status"] == "new"
    assert lead["account_name"] == "Acme Corporation"
    assert lead["amount"] == "2500.00"
    assert Lead.objects.get(pk=lead["id"]).name == "Acme wants Wi-Fi"
    refused = _post(clients["nw"], LEADS, {"account_id": customer.pk, "name": "Mine"})
    assert refused.status_code == 403
    assert refused["Content-Type"].startswith("application/problem+json")


def test_deal_1_bad_input_is_a_422_problem(clients: dict[str, Client], customer: Account) -> None:
    refused = _post(clients["cam"], LEADS, {"account_id": customer.pk, "name": "", "amount": "-1"})
    assert refused.status_code == 422
    assert refused["Content-Type"].startswith("application/problem+json")
    assert not Lead.objects.exists()


def test_deal_4_list_a_partner_sees_only_its_offered_leads(
    clients: dict[str, Client], customer: Account, two_partners: dict[str, Any]
) -> None:
    offered = _route_to(clients, _create(clients, customer), two_partners["nw"])
    kept = _create(clients, customer, name="Not routed yet")
    internal = clients["cam"].get(LEADS).json()
    assert {row["id"] for row in internal["items"]} == {offered["id"], kept["id"]}
    mine = clients["nw"].get(LEADS).json()
    assert [row["id"] for row in mine["items"]] == [offered["id"]]
    assert clients["co"].get(LEADS).json()["items"] == []
    assert clients["nw"].get(f"{LEADS}/{offered['id']}").json()["status"] == "offered"
    # PRG-7: another partner's lead, or one not routed, does not exist for it.
    assert clients["co"].get(f"{LEADS}/{offered['id']}").status_code == 404
    assert clients["nw"].get(f"{LEADS}/{kept['id']}").status_code == 404
    by_status = clients["cam"].get(LEADS, {"status": "new"}).json()
    assert [row["id"] for row in by_status["items"]] == [kept["id"]]


def test_deal_4_candidates_with_reasons_for_the_channel_manager_only(
    clients: dict[str, Client], customer: Account, two_partners: dict[str, Any]
) -> None:
    lead = _create(clients, customer)
    found = clients["cam"].get(f"{LEADS}/{lead['id']}/candidates")
    assert found.status_code == 200, found.content
    rows = found.json()
    assert {row["partner_id"] for row in rows} >= {two_partners["nw"].pk, two_partners["co"].pk}
    assert all("leads in work" in row["reason"] for row in rows)
    assert clients["nw"].get(f"{LEADS}/{lead['id']}/candidates").status_code == 404


def test_deal_4_route_then_accept_makes_the_partners_opportunity(
    clients: dict[str, Client], customer: Account, two_partners: dict[str, Any]
) -> None:
    lead = _route_to(clients, _create(clients, customer), two_partners["nw"])
    assert lead["status"] == "offered"
    assert _post(clients["co"], f"{LEADS}/{lead['id']}/accept").status_code == 404
    accepted = _post(clients["nw"], f"{LEADS}/{lead['id']}/accept")
    assert accepted.status_code == 200, accepted.content
    body = accepted.json()
    assert body["status"] == "converted"
    assert body["partner_id"] == two_partners["nw"].pk
    assert body["opportunity_id"] is not None
    again = _post(clients["cam"], f"{LEADS}/{lead['id']}/route", {"version": body["version"]})
    assert again.status_code == 409
    assert again.json()["code"] == "lead_state"


def test_deal_4_decline_with_a_reason_goes_to_the_next_partner(
    clients: dict[str, Client], customer: Account, two_partners: dict[str, Any]
) -> None:
    lead = _route_to(clients, _create(clients, customer), two_partners["nw"])
    url = f"{LEADS}/{lead['id']}/decline"
    assert _post(clients["nw"], url, {"reason": ""}).status_code == 422
    declined = _post(clients["nw"], url, {"reason": "Not our region"})
    assert declined.status_code == 204, declined.content
    offer = LeadOffer.objects.get(lead_id=lead["id"], partner=two_partners["nw"])
    assert (offer.outcome, offer.decline_reason) == ("declined", "Not our region")
    assert clients["nw"].get(f"{LEADS}/{lead['id']}").status_code == 404
    assert clients["co"].get(f"{LEADS}/{lead['id']}").json()["status"] == "offered"


def test_deal_8_pass_keeps_the_partner_as_referrer(
    clients: dict[str, Client], customer: Account, two_partners: dict[str, Any]
) -> None:
    lead = _route_to(clients, _create(clients, customer), two_partners["nw"])
    passed = _post(clients["nw"], f"{LEADS}/{lead['id']}/pass")
    assert passed.status_code == 204, passed.content
    seen = clients["co"].get(f"{LEADS}/{lead['id']}").json()
    assert seen["referring_partner_id"] == two_partners["nw"].pk
    accepted = _post(clients["co"], f"{LEADS}/{lead['id']}/accept").json()
    assert accepted["partner_id"] == two_partners["co"].pk
    assert accepted["referring_partner_id"] == two_partners["nw"].pk


def test_deal_4_accept_after_the_deadline_is_refused(
    clients: dict[str, Client], customer: Account, two_partners: dict[str, Any]
) -> None:
    lead = _route_to(clients, _create(clients, customer), two_partners["nw"])
    LeadOffer.objects.filter(lead_id=lead["id"]).update(
        deadline=timezone.now() - dt.timedelta(minutes=1)
    )
    refused = _post(clients["nw"], f"{LEADS}/{lead['id']}/accept")
    assert refused.status_code == 409
    assert refused.json()["code"] == "offer_expired"
    assert Lead.objects.get(pk=lead["id"]).status == Lead.Status.OFFERED


def test_deal_4_only_partner_users_answer_leads(
    clients: dict[str, Client], customer: Account, two_partners: dict[str, Any]
) -> None:
    lead = _route_to(clients, _create(clients, customer), two_partners["nw"])
    assert _post(clients["cam"], f"{LEADS}/{lead['id']}/accept").status_code == 403
    assert Lead.objects.get(pk=lead["id"]).status == Lead.Status.OFFERED
