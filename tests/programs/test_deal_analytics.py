"""Deal analytics per program and tier (DEAL-5, PRG-4): counts, approved
rate, average approval time and closed-won amounts per currency, over a
date range, for the partners in the caller's reach."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from openprm.customers.models import Account
from openprm.deals import services as deals
from openprm.deals.models import DealRegistration, Opportunity
from openprm.identity.models import Privilege, Role, User
from openprm.programs.catalog import MANAGE_PARTNER_PROGRAMS
from openprm.programs.deal_analytics import deal_breakdown
from openprm.programs.models import Partnership, Program
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.django_db
API = "/api/v1/deal-analytics"


def _took(registration: Any, hours: int, *, days_ago: int = 10) -> None:
    """Submitted `days_ago` days ago, decided `hours` later."""
    submitted = timezone.now() - dt.timedelta(days=days_ago)
    DealRegistration.objects.filter(pk=registration.pk).update(
        first_submitted_at=submitted, decided_at=submitted + dt.timedelta(hours=hours)
    )


@pytest.fixture
def deals_world(
    program: Program,
    partnerships: dict[str, Partnership],
    win: Callable[..., Opportunity],
    register: Callable[..., DealRegistration],
    channel_manager: User,
) -> dict[str, Any]:
    """nw (Registered tier): a deal won for USD 60,000 approved in 10 h, and
    one rejected; co (Gold): a deal won for EUR 5,000 approved in 20 h, and
    one still submitted."""
    cam = as_actor(channel_manager)
    gold = program.tiers.get(name="Gold")
    Partnership.objects.filter(pk=partnerships["co"].pk).update(tier=gold)
    won_nw = win("nw", "60000")
    _took(won_nw.registrations.get(), 10)
    rejected = register("nw", submit=True, customer_name="Other Co", title="nw lost")
    rejected = deals.registration_reject(
        actor=cam,
        registration=rejected,
        reason="NOT_QUALIFIED",
        note="",
        expected_version=rejected.version,
    )
    won_co = win("co", "5000", currency="EUR")
    _took(won_co.registrations.get(), 20)
    register("co", submit=True, customer_name="Globex", title="co open")
    return {"program": program, "gold": gold, "registered": program.tiers.get(name="Registered")}


def test_deal_5_prg_4_figures_by_program_and_by_tier(
    deals_world: dict[str, Any], channel_manager: User
) -> None:
    found = deal_breakdown(actor=as_actor(channel_manager))
    (program,) = found.programs
    assert program.program == "Reseller Program"
    assert program.registrations == 4
    assert program.approval_rate == pytest.approx(66.7)
    assert program.average_approval_hours == 15.0
    assert program.won == 2
    assert program.won_amounts == {"USD": Decimal("60000"), "EUR": Decimal("5000")}
    tiers = {t.tier: t for t in found.tiers}
    assert set(tiers) == {"Registered", "Gold"}
    assert (tiers["Registered"].registrations, tiers["Registered"].approval_rate) == (2, 50.0)
    assert tiers["Registered"].average_approval_hours == 10.0
    assert tiers["Registered"].won_amounts == {"USD": Decimal("60000")}
    assert (tiers["Gold"].registrations, tiers["Gold"].approval_rate) == (2, 100.0)
    assert tiers["Gold"].won_amounts == {"EUR": Decimal("5000")}
    assert found.total.registrations == 4


def test_deal_5_a_partner_in_no_program_is_counted_apart(
    deals_world: dict[str, Any], channel_manager: User
) -> None:
    Partnership.objects.filter(partner__account__name__icontains="co").delete()
    names = [p.program for p in deal_breakdown(actor=as_actor(channel_manager)).programs]
    assert names == ["Reseller Program", "No program"]


def test_deal_5_the_date_range_counts_registrations_by_first_submission(
    deals_world: dict[str, Any],
    channel_manager: User,
    register: Callable[..., DealRegistration],
) -> None:
    old = register("nw", submit=True, customer_name="Initech", title="old")
    _took(old, 5, days_ago=400)
    cam = as_actor(channel_manager)
    everything = deal_breakdown(actor=cam)
    recent = deal_breakdown(actor=cam, since=timezone.localdate() - dt.timedelta(days=30))
    assert everything.total.registrations == 5
    assert recent.total.registrations == 4
    before = deal_breakdown(actor=cam, until=timezone.localdate() - dt.timedelta(days=100))
    assert before.total.registrations == 1
    assert before.total.won_amounts == {}


def test_deal_5_prg_7_only_partners_in_reach_are_counted(
    deals_world: dict[str, Any], two_partners: dict[str, Any]
) -> None:
    """An internal user with Manage Partner Programs but neither Manage
    Partners nor Approve Deal Registrations counts the registrations it is
    the channel manager of, among the partners whose accounts it sees."""
    role = Role.objects.create(code="PROGRAMS_ONLY", name="Programs only")
    role.privileges.set(Privilege.objects.filter(code=MANAGE_PARTNER_PROGRAMS))
    analyst = make_user("PROGRAMS_ONLY", username="analyst")
    assert deal_breakdown(actor=as_actor(analyst)).total.registrations == 0


def test_deal_5_the_page_and_api_answer_with_the_figures(
    deals_world: dict[str, Any],
    channel_manager: User,
    client_for: Callable[[User], Client],
) -> None:
    client = client_for(channel_manager)
    url = reverse("programs:deal_analytics")
    page = client.get(url).content.decode()
    assert f'data-testid="tier-{deals_world["gold"].pk}"' in page
    assert "EUR 5,000.00" in page
    body = client.get(API).json()
    assert body["total"]["registrations"] == 4
    assert {t["tier"] for t in body["tiers"]} == {"Registered", "Gold"}
    assert body["programs"][0]["won_amounts"] == {"EUR": "5000.00", "USD": "60000.00"}


def test_deal_5_an_inverted_range_is_refused_on_the_page_and_in_the_api(
    deals_world: dict[str, Any],
    channel_manager: User,
    client_for: Callable[[User], Client],
) -> None:
    client = client_for(channel_manager)
    page = client.get(reverse("programs:deal_analytics") + "?since=2026-05-01&until=2026-04-01")
    assert page.status_code == 200
    assert 'data-testid="error-until"' in page.content.decode()
    assert 'data-testid="analytics-programs"' not in page.content.decode()
    answer = client.get(API, {"since": "2026-05-01", "until": "2026-04-01"})
    assert answer.status_code == 422
    assert answer["Content-Type"].startswith("application/problem+json")
    assert [e["field"] for e in answer.json()["errors"]] == ["until"]


def test_deal_5_prg_7_partners_and_users_without_the_privilege_are_refused(
    deals_world: dict[str, Any],
    two_partners: dict[str, Any],
    salesperson: User,
    client_for: Callable[[User], Client],
) -> None:
    partner = client_for(two_partners["nw_rep"].user)
    assert partner.get(reverse("programs:deal_analytics")).status_code == 404
    assert partner.get(API).status_code == 403
    internal = client_for(salesperson)
    assert internal.get(reverse("programs:deal_analytics")).status_code == 403
    assert internal.get(API).status_code == 403


def test_deal_5_the_page_costs_the_same_queries_whatever_the_tiers_and_records(
    deals_world: dict[str, Any],
    channel_manager: User,
    client_for: Callable[[User], Client],
    win: Callable[..., Opportunity],
    customer: Account,
) -> None:
    client = client_for(channel_manager)
    url = reverse("programs:deal_analytics")
    client.get(url)
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    Partnership.objects.filter(partner__account__name__icontains="nw").update(
        tier=deals_world["program"].tiers.get(name="Silver")
    )
    win("nw", "700", currency="GBP")
    with CaptureQueriesContext(connection) as after:
        page = client.get(url).content.decode()
    assert len(before) == len(after)
    assert "GBP 700.00" in page
