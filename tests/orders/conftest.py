"""The TeleMedia catalog of the catalog tests, with Northwind in the Gold
tier buying at Gold prices (every mobile product), and helpers to order."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest

from openprm.catalog import services as catalog
from openprm.catalog.models import PriceList
from openprm.core.actor import Actor
from openprm.identity.models import User
from openprm.orders.lines import LineSpec
from openprm.orders.models import Order
from openprm.orders.services import place_order
from openprm.programs.models import Program
from tests.catalog.conftest import gold, telemedia
from tests.deals.conftest import customer, make_partner, make_portal_user, two_partners
from tests.factories import as_actor

__all__ = ["customer", "gold", "make_partner", "make_portal_user", "telemedia", "two_partners"]

GOLD = {
    "PHONE-X": ("399.00", "0"),
    "FAMILY": ("0", "49.00"),
    "PLAN-1500": ("0", "35.00"),
    "LINE": ("0", "12.00"),
    "DATA-5": ("0", "4.00"),
}


@pytest.fixture
def gold_prices(sales_admin: User, gold: Program, telemedia: dict[str, Any]) -> PriceList:
    """Northwind (Gold) buys every mobile product but the old phone at these prices."""
    actor = as_actor(sales_admin)
    prices = catalog.price_list_create(
        actor=actor,
        data={
            "name": "Gold partners",
            "currency": "EUR",
            "audience": "tier",
            "tier_id": gold.tiers.get().pk,
        },
    )
    for code, (one_time, monthly) in GOLD.items():
        catalog.item_set(
            actor=actor,
            price_list=prices,
            product_id=telemedia[code].pk,
            one_time_price=Decimal(one_time),
            monthly_price=Decimal(monthly),
        )
    return prices


@pytest.fixture
def nw_power(two_partners: dict[str, Any]) -> Actor:
    """Northwind's administrator, made a power user (Northwind allows them)."""
    contact = two_partners["nw_admin"]
    type(contact).objects.filter(pk=contact.pk).update(portal_user_type="power")
    return as_actor(contact.user)


@pytest.fixture
def nw_rep(two_partners: dict[str, Any]) -> Actor:
    """Northwind's sales rep, a standard user."""
    return as_actor(two_partners["nw_rep"].user)


@pytest.fixture
def co_rep(two_partners: dict[str, Any]) -> Actor:
    return as_actor(two_partners["co_rep"].user)


def family(tm: dict[str, Any], lines: int = 3, options: bool = True) -> list[LineSpec]:
    """A family plan with `lines` mobile lines, each with the 5 GB data pack."""
    return [
        LineSpec(product_id=tm["FAMILY"].pk),
        LineSpec(product_id=tm["PLAN-1500"].pk, parent_index=0),
        *[
            LineSpec(
                product_id=tm["LINE"].pk,
                parent_index=0,
                option_ids=[tm["DATA-5"].pk] if options else [],
            )
            for _ in range(lines)
        ],
    ]


@pytest.fixture
def stock_order(
    nw_power: Actor, telemedia: dict[str, Any], gold_prices: PriceList
) -> Callable[..., Order]:
    """`stock_order(specs)`: Northwind orders for its own store at Gold prices."""

    def build(specs: list[LineSpec] | None = None, actor: Actor | None = None) -> Order:
        return place_order(
            actor=actor or nw_power,
            customer_id=None,
            contact_id=None,
            price_list_id=gold_prices.pk,
            opportunity_id=None,
            lines=specs or family(telemedia),
        )

    return build


@pytest.fixture
def manager(sales_admin: User) -> Actor:
    """An order manager of the brand owner (Manage Orders)."""
    return as_actor(sales_admin)


def complete(manager: Actor, order: Order, status: str = "complete") -> Order:
    """Every line of the order reported at `status` (a fulfilment system's report)."""
    from openprm.orders.services import StatusReport, fulfilment_report

    reports = [StatusReport(line.pk, status) for line in order.lines.all()]
    return fulfilment_report(actor=manager, order=order, reports=reports)
