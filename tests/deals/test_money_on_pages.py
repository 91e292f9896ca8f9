"""Amounts on the deals pages carry their currency (DEAL-5): the partner's
Performance page, the channel team's Deals tab and the home's open
pipeline. Amounts in different currencies are shown apart, never added."""

import datetime as dt
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from openprm.customers.models import Account
from openprm.deals.models import DealRegistration, Opportunity
from openprm.identity.models import User

pytestmark = pytest.mark.django_db


def _opportunity(
    customer: Account, owner: User, partner: Any, amount: str, currency: str, *, won: bool = False
) -> Opportunity:
    return Opportunity.objects.create(
        name=f"Deal {amount} {currency}",
        account=customer,
        owner=owner,
        partner=partner,
        stage=Opportunity.Stage.WON if won else Opportunity.Stage.QUALIFICATION,
        is_open=not won,
        close_date=timezone.localdate(),
        amount=Decimal(amount),
        currency=currency,
    )


def _revenue(page: str) -> str:
    found = re.search(r'data-testid="stat-revenue">(.*?)</ul>', page, re.S)
    assert found, "the revenue figures are on the page"
    return found.group(1)


def test_deal_5_revenue_shows_its_currency_on_the_performance_page_and_the_deals_tab(
    client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    customer: Account,
    channel_manager: User,
) -> None:
    """$12,000 open and €5,000 won read as such; 17,000 (their sum in no
    currency) appears nowhere."""
    nw = two_partners["nw"]
    _opportunity(customer, channel_manager, nw, "12000", "USD")
    _opportunity(customer, channel_manager, nw, "5000", "EUR", won=True)
    pages = {
        "performance": client_for(two_partners["nw_rep"].user).get("/portal/performance/"),
        "deals tab": client_for(channel_manager).get(f"/deals/partners/{nw.pk}/"),
    }
    for name, response in pages.items():
        revenue = _revenue(response.content.decode())
        assert "Open pipeline $12,000 · won $0" in revenue, name
        assert "Open pipeline €0 · won €5,000" in revenue, name
        assert "17,000" not in revenue, name


def test_deal_5_the_home_open_pipeline_shows_its_currency(
    client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    customer: Account,
    channel_manager: User,
) -> None:
    _opportunity(customer, channel_manager, two_partners["nw"], "90000", "USD")
    _opportunity(customer, channel_manager, two_partners["nw"], "250", "GBP")
    page = client_for(channel_manager).get("/").content.decode()
    amounts = re.findall(r'data-testid="pipeline-amount">([^<]*)<', page)
    assert amounts == ["$90,000", "£250"]


def test_deal_3_a_registration_number_never_breaks_over_two_lines(
    client_for: Callable[[User], Client],
    register: Callable[..., DealRegistration],
    two_partners: dict[str, Any],
    channel_manager: User,
) -> None:
    """The queue's Number cell keeps "DR-000001" on one line, and its Deal
    cell keeps room for the title's words; the portal's list the same."""
    registration = register("nw", submit=True)
    for client, path, url in (
        (client_for(channel_manager), "/deals/registrations/", registration.get_absolute_url()),
        (
            client_for(two_partners["nw_rep"].user),
            "/portal/registrations/",
            f"/portal/registrations/{registration.pk}/",
        ),
    ):
        page = client.get(path).content.decode()
        assert f'<a class="text-nowrap" href="{url}">{registration.number}</a>' in page
        assert f'<a class="cell-title" href="{url}">{registration.title}</a>' in page


def test_prg_8_protection_ending_soon_wraps_its_line_beside_its_badge(
    client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
) -> None:
    """The registration's line may wrap (it was clipped under its days-left
    badge); the badge keeps its size."""
    today = timezone.localdate()
    registration = DealRegistration.objects.create(
        partner=two_partners["nw"],
        owner=two_partners["nw_rep"].user,
        title="Alpen Bank network refresh",
        state=DealRegistration.State.APPROVED,
        close_date=today,
        protection_ends=today + dt.timedelta(days=6),
    )
    page = client_for(two_partners["nw_rep"].user).get("/").content.decode()
    row = re.search(rf'data-testid="expiring-{registration.pk}">(.*?)</a>', page, re.S)
    assert row
    assert '<div class="flex-fill overflow-hidden">' in row.group(1)
    assert 'text-truncate"><div class="fw-bold' not in row.group(1)
    assert 'class="badge flex-shrink-0' in row.group(1)
