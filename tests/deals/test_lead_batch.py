"""Routing leads in a batch through `POST /api/v1/leads/route` and the leads
page, and the partner's answer deadline on each lead (DEAL-4, DEAL-8,
PRG-7)."""

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from openprm.customers.models import Account
from openprm.deals.models import Lead, LeadOffer
from openprm.identity.models import User
from openprm.partners.models import PartnerProfile

pytestmark = pytest.mark.django_db
LEADS = "/api/v1/leads"


def _post(client: Client, url: str, body: dict[str, Any] | None = None) -> Any:
    return client.post(url, json.dumps(body or {}, default=str), content_type="application/json")


def _same_time(sent: str, stored: dt.datetime) -> bool:
    """JSON carries milliseconds."""
    return abs(dt.datetime.fromisoformat(sent) - stored) < dt.timedelta(milliseconds=1)


def _new_leads(clients: dict[str, Client], customer: Account, count: int) -> list[int]:
    ids = []
    for n in range(count):
        created = _post(clients["cam"], LEADS, {"account_id": customer.pk, "name": f"Lead {n}"})
        assert created.status_code == 201, created.content
        ids.append(created.json()["id"])
    return ids


def test_deal_4_a_batch_reports_which_leads_went_where_and_why_the_others_did_not(
    clients: dict[str, Client], customer: Account, two_partners: dict[str, Any]
) -> None:
    first, second, taken = _new_leads(clients, customer, 3)
    lead = Lead.objects.get(pk=taken)
    once = _post(clients["cam"], f"{LEADS}/{taken}/route", {"version": lead.version})
    assert once.status_code == 200
    answer = _post(clients["cam"], f"{LEADS}/route", {"lead_ids": [second, first, taken, 999999]})
    assert answer.status_code == 200, answer.content
    report = answer.json()
    names = {p.pk: p.account.name for p in PartnerProfile.objects.select_related("account")}
    assert [row["lead_id"] for row in report["routed"]] == [first, second]
    for row in report["routed"]:
        assert row["partner_name"] == names[row["partner_id"]]
        assert row["reason"]
    assert [(row["lead_id"], row["reason"]) for row in report["not_routed"]] == [
        (taken, "lead_state"),
        (999999, "not_found"),
    ]
    assert LeadOffer.objects.filter(outcome="open").count() == 3


def test_deal_4_a_batch_passes_over_partners_at_capacity(
    clients: dict[str, Client], customer: Account, two_partners: dict[str, Any]
) -> None:
    PartnerProfile.objects.update(lead_capacity=0)
    [lead] = _new_leads(clients, customer, 1)
    report = _post(clients["cam"], f"{LEADS}/route", {"lead_ids": [lead]}).json()
    assert report["routed"] == []
    assert report["not_routed"][0]["reason"] == "partner_at_capacity"
    assert Lead.objects.get(pk=lead).status == Lead.Status.NEW


def test_deal_4_a_batch_takes_1_to_500_leads_from_those_who_route(
    clients: dict[str, Client], customer: Account
) -> None:
    assert _post(clients["cam"], f"{LEADS}/route", {"lead_ids": []}).status_code == 422
    too_many = list(range(1, 502))
    assert _post(clients["cam"], f"{LEADS}/route", {"lead_ids": too_many}).status_code == 422
    [lead] = _new_leads(clients, customer, 1)
    refused = _post(clients["nw"], f"{LEADS}/route", {"lead_ids": [lead]})
    assert refused.status_code == 403
    assert Lead.objects.get(pk=lead).status == Lead.Status.NEW


def test_deal_8_the_answer_deadline_is_the_open_offer_s_and_only_one_s_own(
    clients: dict[str, Client], customer: Account, two_partners: dict[str, Any]
) -> None:
    [lead] = _new_leads(clients, customer, 1)
    assert clients["cam"].get(f"{LEADS}/{lead}").json()["answer_deadline"] is None
    _post(
        clients["cam"],
        f"{LEADS}/{lead}/route",
        {"version": 1, "partner_id": two_partners["nw"].pk},
    )
    offer = LeadOffer.objects.get(lead_id=lead)
    for who in ("cam", "nw"):
        seen = clients[who].get(f"{LEADS}/{lead}").json()["answer_deadline"]
        assert _same_time(seen, offer.deadline)
    listed = clients["nw"].get(LEADS).json()["items"]
    assert _same_time(listed[0]["answer_deadline"], offer.deadline)
    assert _post(clients["nw"], f"{LEADS}/{lead}/pass").status_code == 204
    passed = LeadOffer.objects.get(lead_id=lead, outcome="open")
    assert clients["nw"].get(f"{LEADS}/{lead}").json()["answer_deadline"] is None
    receiver = clients["co"].get(f"{LEADS}/{lead}").json()["answer_deadline"]
    assert _same_time(receiver, passed.deadline)


def test_deal_4_the_leads_page_routes_the_new_leads_shown(
    client_for: Callable[[User], Client],
    clients: dict[str, Client],
    channel_manager: User,
    salesperson: User,
    customer: Account,
    two_partners: dict[str, Any],
) -> None:
    PartnerProfile.objects.update(lead_capacity=1)
    ids = _new_leads(clients, customer, 3)
    web = client_for(channel_manager)
    listing = web.get("/deals/leads/").content.decode()
    assert 'data-testid="route-batch"' in listing
    for pk in ids:
        assert f'name="lead_ids" value="{pk}"' in listing
    answer = web.post("/deals/leads/route/", {"lead_ids": ids}, follow=True)
    page = answer.content.decode()
    assert "2 leads are offered to partners." in page
    assert "1 lead was not routed: No partner can take this lead now. (1)" in page
    assert Lead.objects.filter(status=Lead.Status.OFFERED).count() == 2
    other = client_for(salesperson)
    assert 'data-testid="route-batch"' not in other.get("/deals/leads/").content.decode()
    assert other.post("/deals/leads/route/", {"lead_ids": ids}).status_code == 403
