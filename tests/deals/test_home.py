"""The deals blocks of the home pages and the notifications block
(DEAL-2, DEAL-4, DEAL-6)."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openprm.core import access
from openprm.core.notifications.models import Notification
from openprm.customers.models import Account
from openprm.deals import services
from openprm.deals.home import partner_opportunities_by_stage
from openprm.deals.models import DealRegistration, Lead, Opportunity
from openprm.identity.models import User
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def test_deal_2_the_channel_manager_home_lists_what_waits_with_conflicts(
    client_for: Callable[[User], Client],
    register: Callable[..., DealRegistration],
    channel_manager: User,
) -> None:
    earlier = register("nw", submit=True)
    register("co", submit=True)
    page = client_for(channel_manager).get("/").content.decode()
    assert 'data-testid="home-registrations_to_decide"' in page
    assert earlier.number in page
    assert "bg-orange-lt" in page


def test_deal_4_6_the_partner_home_shows_what_needs_it_and_its_notifications(
    client_for: Callable[[User], Client],
    register: Callable[..., DealRegistration],
    two_partners: dict[str, Any],
    channel_manager: User,
    customer: Account,
) -> None:
    cam = as_actor(channel_manager)
    returned = register("nw", submit=True)
    services.registration_return(
        actor=cam, registration=returned, note="Which sites?", expected_version=returned.version
    )
    lead = services.lead_create(actor=cam, account_id=customer.pk, name="Acme Wi-Fi")
    services.lead_route(
        actor=cam, lead=lead, partner_id=two_partners["nw"].pk, expected_version=lead.version
    )
    web = client_for(two_partners["nw_rep"].user)
    page = web.get("/").content.decode()
    assert f'data-testid="returned-{returned.pk}"' in page
    assert "1 lead waits for your answer" in page
    notice = Notification.objects.get(
        recipient=two_partners["nw_rep"].user, title="A lead waits for your answer: Acme Wi-Fi"
    )
    assert f'data-testid="notification-{notice.pk}"' in page
    opened = web.post(f"/notifications/{notice.pk}/")
    assert opened["Location"] == "/portal/leads/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    other = client_for(two_partners["co_rep"].user)
    assert other.post(f"/notifications/{notice.pk}/").status_code == 404
    page = client_for(two_partners["co_rep"].user).get("/").content.decode()
    assert returned.number not in page


def _home_queries(client: Client) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        page = client.get("/")
    assert page.status_code == 200
    return len(captured), page.content.decode()


def test_prg_8_deal_5_the_portal_dashboard_counts_each_chart_in_one_grouped_query(
    client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    customer: Account,
    channel_manager: User,
) -> None:
    """The leads-by-status and opportunities-by-stage charts and the
    expiring list take as many queries with one record as with records in
    every status, every stage and several expiring, and show every figure."""
    nw = two_partners["nw"]
    client = client_for(two_partners["nw_rep"].user)
    today = timezone.localdate()

    def add(status: str, stage: str, days: int) -> None:
        Lead.objects.create(
            name=f"Lead {status}",
            account=customer,
            owner=channel_manager,
            partner=nw,
            status=status,
        )
        Opportunity.objects.create(
            name=f"Opp {stage}",
            account=customer,
            owner=channel_manager,
            partner=nw,
            stage=stage,
            is_open=stage not in (Opportunity.Stage.WON, Opportunity.Stage.LOST),
            close_date=today,
        )
        DealRegistration.objects.create(
            partner=nw,
            owner=two_partners["nw_rep"].user,
            title=f"Expiring in {days}",
            state=DealRegistration.State.APPROVED,
            close_date=today,
            protection_ends=today + dt.timedelta(days=days),
        )

    add(Lead.Status.ACCEPTED, Opportunity.Stage.WON, 3)
    client.get("/")  # warms the caches a first page fills (options, menus)
    one, _page = _home_queries(client)
    for days, (status, stage) in enumerate(
        zip(Lead.Status.values * 2, Opportunity.Stage.values, strict=False), start=4
    ):
        add(status, stage, days)
    many, page = _home_queries(client)
    assert one == many
    for _code, label in (*Lead.Status.choices, *Opportunity.Stage.choices):
        assert str(label) in page
    assert "Expiring in 3" in page
    assert "Expiring in 8" in page


def test_prg_8_deal_9_the_chart_counts_the_deals_a_partner_sells_not_those_it_helps_on(
    two_partners: dict[str, Any], channel_manager: User, own_deal: Opportunity
) -> None:
    """Contoso's rep on the team of Northwind's deal (DEAL-9) lets Contoso
    see the deal, but its opportunities-by-stage chart counts only the
    business of the organizations in its reach (PRG-8): the deal is
    Northwind's, counted on Northwind's home alone, and in Northwind's
    figures (DEAL-5) as Contoso or the channel manager reads them, never
    Contoso's. Those rows are a subset of what the user sees."""
    Opportunity.objects.filter(pk=own_deal.pk).update(partner=two_partners["nw"])
    services.opportunity_team_add(
        actor=as_actor(channel_manager),
        opportunity=own_deal,
        resource_id=two_partners["co_rep"].resource.pk,
        access_level="view",
    )

    def seen(key: str) -> tuple[bool, list[Opportunity], int]:
        actor = as_actor(two_partners[key].user)
        return (
            access.visible(Opportunity, actor).filter(pk=own_deal.pk).exists(),
            list(access.in_partner_reach(Opportunity, actor)),
            partner_opportunities_by_stage(actor=as_actor(two_partners[key].user))["total"],
        )

    assert seen("co_rep") == (True, [], 0)
    assert seen("nw_admin") == (True, [own_deal], 1)
    assert not access.in_partner_reach(Opportunity, as_actor(channel_manager)).exists()
    nw = two_partners["nw"].pk
    for key, expected in (("co_rep", []), ("nw_admin", [own_deal])):
        actor = as_actor(two_partners[key].user)
        assert list(access.of_partner(Opportunity, actor, nw)) == expected
    assert list(access.of_partner(Opportunity, as_actor(channel_manager), nw)) == [own_deal]
    with pytest.raises(access.AccessNotConfigured):
        access.in_partner_reach(Account, as_actor(channel_manager))


def test_deal_2_the_channel_manager_home_reads_its_conflict_badges_at_once(
    client_for: Callable[[User], Client],
    register: Callable[..., DealRegistration],
    channel_manager: User,
) -> None:
    """DEAL-3: the five registrations waiting first take as many queries as
    one, each with its conflict badge."""
    client = client_for(channel_manager)
    register("nw", submit=True)
    client.get("/")
    one, _page = _home_queries(client)
    for org, name in (("nw", "Alpha"), ("co", "Alpha"), ("nw", "Beta"), ("co", "Beta")):
        register(org, submit=True, customer_name=name)
    five, page = _home_queries(client)
    assert one == five
    assert page.count("bg-orange-lt") >= 4
