"""A small TeleMedia catalog for the catalog tests: phones, a family plan
bundle (one plan, 1..5 lines, phones at a discount), data-pack options of
the line, a list price list and a Gold tier price list."""

from decimal import Decimal
from typing import Any

import pytest

from openprm.catalog import services
from openprm.catalog.models import PriceList, Product
from openprm.identity.models import User
from openprm.programs import services as programs
from openprm.programs.models import Program
from tests.deals.conftest import customer, make_partner, make_portal_user, two_partners
from tests.factories import as_actor

__all__ = ["customer", "make_partner", "make_portal_user", "two_partners"]

PRODUCTS = {
    "PHONE-X": ("TeleMedia X phone", "device", "one_time"),
    "PHONE-OLD": ("TeleMedia old phone", "device", "one_time"),
    "PLAN-1500": ("Family 1500 plan", "service", "monthly"),
    "LINE": ("Family line", "service", "monthly"),
    "DATA-5": ("Data pack 5 GB", "option", "monthly"),
    "ROAM": ("Roaming pack", "option", "monthly"),
    "FAMILY": ("Family plan 1500", "bundle", "monthly"),
}


@pytest.fixture
def telemedia(sales_admin: User) -> dict[str, Any]:
    actor = as_actor(sales_admin)
    found: dict[str, Any] = {
        code: services.product_create(
            actor=actor,
            data={
                "code": code,
                "name": name,
                "family": "Mobile",
                "type": kind,
                "charge_type": charge,
                "is_orderable": kind in ("device", "bundle"),
            },
        )
        for code, (name, kind, charge) in PRODUCTS.items()
    }
    family = found["FAMILY"]
    services.component_add(
        actor=actor,
        bundle=family,
        product_id=found["PLAN-1500"].pk,
        role="primary",
        min_quantity=1,
        max_quantity=1,
    )
    services.component_add(
        actor=actor,
        bundle=family,
        product_id=found["LINE"].pk,
        min_quantity=1,
        max_quantity=5,
        discount_percent=Decimal("20"),
    )
    services.component_add(
        actor=actor,
        bundle=family,
        product_id=found["PHONE-X"].pk,
        max_quantity=5,
        discount_percent=Decimal("10"),
    )
    services.option_add(actor=actor, product=found["LINE"], option_id=found["DATA-5"].pk)
    listed = services.price_list_create(
        actor=actor, data={"name": "List prices", "currency": "EUR", "audience": "list"}
    )
    for code, one_time, monthly in (
        ("PHONE-X", "499.00", "0"),
        ("PHONE-OLD", "99.00", "0"),
        ("FAMILY", "0", "59.00"),
        ("PLAN-1500", "0", "39.00"),
        ("LINE", "0", "15.00"),
        ("DATA-5", "0", "5.00"),
    ):
        services.item_set(
            actor=actor,
            price_list=listed,
            product_id=found[code].pk,
            one_time_price=Decimal(one_time),
            monthly_price=Decimal(monthly),
        )
    found["list"] = listed
    return found


@pytest.fixture
def gold(channel_manager: User, two_partners: dict[str, Any]) -> Program:
    """A program whose entry tier is Gold; Northwind is in it, Contoso not."""
    cam = as_actor(channel_manager)
    program = programs.program_create(actor=cam, data={"code": "TM", "name": "TeleMedia resell"})
    programs.tier_create(actor=cam, program=program, data={"name": "Gold"})
    programs.partnership_create(
        actor=cam,
        partner_id=two_partners["nw"].pk,
        program_id=program.pk,
        channel_manager_id=channel_manager.pk,
    )
    return program


@pytest.fixture
def gold_prices(sales_admin: User, gold: Program, telemedia: dict[str, Any]) -> PriceList:
    """Gold partners buy the X phone at 399 and the family plan at 49; the
    old phone is not on their list."""
    actor = as_actor(sales_admin)
    tier = gold.tiers.get()
    prices = services.price_list_create(
        actor=actor,
        data={"name": "Gold partners", "currency": "EUR", "audience": "tier", "tier_id": tier.pk},
    )
    for code, one_time, monthly in (("PHONE-X", "399.00", "0"), ("FAMILY", "0", "49.00")):
        services.item_set(
            actor=actor,
            price_list=prices,
            product_id=telemedia[code].pk,
            one_time_price=Decimal(one_time),
            monthly_price=Decimal(monthly),
        )
    return prices


def product(found: dict[str, Any], code: str) -> Product:
    return found[code]
