"""The portal home's dashboard (PRG-8, DEAL-5): leads by status and
opportunities by stage as charts, the registrations whose protection ends
soon with the days left; each block a query or two through the access
scope, and nothing of another partner's business."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from openprm.core.home import blocks_for
from openprm.customers.models import Account
from openprm.deals import services
from openprm.deals.models import DealRegistration, Opportunity
from openprm.identity.models import User
from tests.factories import as_actor

pytestmark = pytest.mark.django_db
DASHBOARD = ("leads_by_status", "opportunities_by_stage", "registrations_expiring")


def approved(
    register: Callable[..., DealRegistration], cam: User, customer: Account, org: str, title: str
) -> DealRegistration:
    registration = register(org, submit=True, title=title, customer_name=f"{title} Inc.")
    return services.registration_approve(
        actor=as_actor(cam),
        registration=registration,
        expected_version=registration.version,
        account_id=customer.pk,
        conflict_note="Each partner has its own site",
    )


@pytest.fixture
def business(
    register: Callable[..., DealRegistration],
    channel_manager: User,
    customer: Account,
    two_partners: dict[str, Any],
) -> dict[str, Any]:
    """Northwind: three approved registrations (one protected for 5 more
    days, one for 20), their opportunities (one won), two leads offered to
    it. Contoso: one approved registration ending in 2 days, one lead."""
    cam = as_actor(channel_manager)
    today = timezone.localdate()
    found = {
        title: approved(register, channel_manager, customer, org, title)
        for org, title in (("nw", "Alpha"), ("nw", "Beta"), ("nw", "Gamma"), ("co", "Contoso"))
    }
    for title, days in (("Alpha", 5), ("Beta", 20), ("Contoso", 2)):
        DealRegistration.objects.filter(pk=found[title].pk).update(
            protection_ends=today + dt.timedelta(days=days)
        )
    Opportunity.objects.filter(name__startswith="Gamma").update(stage="won", is_open=False)
    for org, name in (("nw", "Lead one"), ("nw", "Lead two"), ("co", "Lead co")):
        lead = services.lead_create(actor=cam, account_id=customer.pk, name=name)
        services.lead_route(
            actor=cam, lead=lead, partner_id=two_partners[org].pk, expected_version=lead.version
        )
    return found


def dashboard(user: User) -> dict[str, Any]:
    return {b.name: b.data for b in blocks_for(actor=as_actor(user)) if b.name in DASHBOARD}


def test_prg_8_the_dashboard_counts_the_partners_own_business(
    business: dict[str, Any], two_partners: dict[str, Any]
) -> None:
    shown = dashboard(two_partners["nw_rep"].user)
    leads = shown["leads_by_status"]
    assert (leads["total"], leads["chart"]["codes"], leads["chart"]["values"]) == (
        2,
        ["offered"],
        [2],
    )
    stages = shown["opportunities_by_stage"]
    assert {s["code"]: s["count"] for s in stages["slices"]} == {
        Opportunity.objects.filter(partner=two_partners["nw"])
        .exclude(stage="won")
        .first()
        .stage: 2,
        "won": 1,
    }
    assert (stages["open"], stages["win_rate"]) == (2, 100)
    expiring = shown["registrations_expiring"]["expiring"]
    assert [(r.title, days) for r, days in expiring] == [("Alpha", 5), ("Beta", 20)]

    co = dashboard(two_partners["co_admin"].user)
    assert co["leads_by_status"]["total"] == 1
    assert [(r.title, days) for r, days in co["registrations_expiring"]["expiring"]] == [
        ("Contoso", 2)
    ]


def test_prg_8_the_portal_home_draws_the_charts_and_the_days_left(
    business: dict[str, Any],
    two_partners: dict[str, Any],
    client_for: Callable[[User], Client],
) -> None:
    page = client_for(two_partners["nw_rep"].user).get(reverse("home")).content.decode()
    assert 'data-chart-source="chart-leads_by_status"' in page
    assert 'id="chart-opportunities_by_stage" type="application/json"' in page
    assert page.count("deals/home_charts") == 2
    alpha = business["Alpha"]
    assert f'data-testid="days-left-{alpha.pk}"' in page
    assert "5 days left" in page
    assert "Contoso" not in page
    assert f"expiring-{business['Contoso'].pk}" not in page


def test_prg_8_an_empty_dashboard_says_what_each_block_will_hold(
    two_partners: dict[str, Any], client_for: Callable[[User], Client]
) -> None:
    page = client_for(two_partners["nw_rep"].user).get(reverse("home")).content.decode()
    for name in DASHBOARD:
        assert f'data-testid="empty-{name}"' in page
    assert "deals/home_charts" not in page


@pytest.mark.parametrize("name", DASHBOARD)
def test_prg_8_each_dashboard_block_is_one_query_whatever_the_volume(
    name: str, business: dict[str, Any], two_partners: dict[str, Any]
) -> None:
    """The grouping is the database's: one query per block, however many
    leads, opportunities or registrations the partner has (the blocks'
    counts are one statement, which the request's other blocks reuse)."""
    actor = as_actor(two_partners["nw_rep"].user)
    block = next(b for b in blocks_for(actor=actor) if b.name == name)
    fresh = as_actor(two_partners["nw_rep"].user)
    assert fresh.partner_reach  # read by the request before any block
    with CaptureQueriesContext(connection) as queries:
        block.block.read(actor=fresh)
    assert len(queries) == 1
