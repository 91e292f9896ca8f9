"""Two partners with portal users, products, a customer and a program for
the programs tests; `win` closes a won deal for a partner."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from openprm.customers.models import Account
from openprm.deals import services as deals
from openprm.deals.models import DealRegistration, Opportunity
from openprm.identity.models import User
from openprm.programs import services
from openprm.programs.models import Partnership, Program
from tests.deals.conftest import (
    customer,
    make_partner,
    make_portal_user,
    products,
    register,
    two_partners,
)
from tests.factories import as_actor

__all__ = ["customer", "make_partner", "make_portal_user", "products", "register", "two_partners"]


@pytest.fixture
def program(channel_manager: User) -> Program:
    """Registered, Silver (100,000 revenue, 2 won deals), Gold (250,000
    revenue, 4 won deals), over 12 months."""
    cam = as_actor(channel_manager)
    found = services.program_create(actor=cam, data={"code": "RESELL", "name": "Reseller Program"})
    services.tier_create(actor=cam, program=found, data={"name": "Registered"})
    for name, revenue, deals_won, days in (
        ("Silver", "100000", "2", 120),
        ("Gold", "250000", "4", 180),
    ):
        services.tier_create(
            actor=cam,
            program=found,
            data={"name": name, "protection_days": days, "extension_count": 2},
            requirements=[
                {"indicator": "closed_won_revenue", "threshold": revenue, "window_months": 12},
                {"indicator": "won_deals", "threshold": deals_won, "window_months": 12},
            ],
        )
    return found


@pytest.fixture
def partnerships(
    program: Program, two_partners: dict[str, Any], channel_manager: User
) -> dict[str, Partnership]:
    cam = as_actor(channel_manager)
    return {
        org: services.partnership_create(
            actor=cam,
            partner_id=two_partners[org].pk,
            program_id=program.pk,
            channel_manager_id=channel_manager.pk,
        )
        for org in ("nw", "co")
    }


@pytest.fixture
def win(
    register: Callable[..., DealRegistration], channel_manager: User, customer: Account
) -> Callable[..., Opportunity]:
    """`win("nw", "60000")`: a partner's registration approved and its
    opportunity closed won for the amount."""
    cam = as_actor(channel_manager)

    def build(org: str, amount: str, **fields: Any) -> Opportunity:
        registration = register(org, submit=True, amount=amount, title=f"{org} {amount}")
        registration = deals.registration_approve(
            actor=cam,
            registration=registration,
            expected_version=registration.version,
            account_id=customer.pk,
        )
        opportunity = registration.opportunity
        opportunity = deals.opportunity_set_stage(
            actor=cam, opportunity=opportunity, stage="won", expected_version=opportunity.version
        )
        if fields:
            Opportunity.objects.filter(pk=opportunity.pk).update(**fields)
            opportunity.refresh_from_db()
        return opportunity

    return build


def money(value: str) -> Decimal:
    return Decimal(value)


def days_ago(days: int) -> dt.date:
    return dt.date.today() - dt.timedelta(days=days)
