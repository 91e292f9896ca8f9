"""The products of the shared test world: one active, one retired."""

from openprm.catalog.services import product_create, product_update
from tests.access.world import World
from tests.factories import as_actor

PRODUCTS = {"active_product": ("W-FW", True), "retired_product": ("W-OLD", False)}
"""Each product by world record: its code, and whether it is active."""


def build(world: World) -> None:
    actor = as_actor(world.users["salesadmin"])
    active = product_create(actor=actor, data={"code": "W-FW", "name": "World Firewall"})
    retired = product_create(actor=actor, data={"code": "W-OLD", "name": "World Retired"})
    retired = product_update(
        actor=actor, product=retired, changes={"is_active": False}, expected_version=1
    )
    world.add("active_product", "product", active)
    world.add("retired_product", "product", retired)
