"""The catalog of the shared test world: an active and a retired product; a
bundle with a primary service, a line with an option and an attribute; the
list price list with the active product and the bundle on it."""

from decimal import Decimal

from openprm.catalog import services
from openprm.catalog.services import product_create, product_update
from tests.access.world import World
from tests.factories import as_actor

PRODUCTS = {
    "active_product": ("W-FW", True),
    "retired_product": ("W-OLD", False),
    "bundle": ("W-FAMILY", True),
    "plan": ("W-PLAN", True),
    "line": ("W-LINE", True),
    "option": ("W-DATA", True),
}
"""Each product by world record: its code, and whether it is active."""

OFFERED = ("active_product", "bundle")
"""The orderable products on the list price list: everyone's offer (the
world holds no tier price list)."""


def build(world: World) -> None:
    actor = as_actor(world.users["salesadmin"])
    active = product_create(actor=actor, data={"code": "W-FW", "name": "World Firewall"})
    retired = product_create(actor=actor, data={"code": "W-OLD", "name": "World Retired"})
    retired = product_update(
        actor=actor, product=retired, changes={"is_active": False}, expected_version=1
    )
    world.add("active_product", "product", active)
    world.add("retired_product", "product", retired)
    made = {
        record: product_create(
            actor=actor,
            data={
                "code": PRODUCTS[record][0],
                "name": f"World {record}",
                "type": kind,
                "charge_type": "monthly",
                "is_orderable": record == "bundle",
            },
        )
        for record, kind in (
            ("bundle", "bundle"),
            ("plan", "service"),
            ("line", "service"),
            ("option", "option"),
        )
    }
    for record, product in made.items():
        world.add(record, "product", product)
    bundle, line = made["bundle"], made["line"]
    primary = services.component_add(
        actor=actor,
        bundle=bundle,
        product_id=made["plan"].pk,
        role="primary",
        min_quantity=1,
        max_quantity=1,
    )
    lines = services.component_add(
        actor=actor, bundle=bundle, product_id=line.pk, min_quantity=1, max_quantity=5
    )
    world.add("bundle", "primary", bundle, primary)
    world.add("bundle", "component", bundle, lines)
    link = services.option_add(actor=actor, product=line, option_id=made["option"].pk)
    world.add("line", "option_link", line, link)
    attribute = services.attribute_set(actor=actor, product=line, name="Data", value="5 GB")
    world.add("line", "attribute", line, attribute)
    prices = services.price_list_create(
        actor=actor, data={"name": "World list prices", "currency": "EUR", "audience": "list"}
    )
    items = [
        services.item_set(  # the retired product's price stays, unoffered
            actor=actor, price_list=prices, product_id=product.pk, one_time_price=Decimal(10)
        )
        for product in (active, bundle, retired)
    ]
    world.add("list_prices", "price_list", prices)
    world.add("list_prices", "item", prices, items[0])
