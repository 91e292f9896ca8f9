"""Carts and quotes of the shared test world: every partner user's cart
holds the world's active product at the list prices; Northwind's
administrator also has a quote. Nobody else reaches them (ORD-6)."""

from decimal import Decimal

from openprm.carts import checkout, lines
from tests.access.world import World
from tests.factories import as_actor

SHOPPERS = ("nw_admin", "nw_rep", "co_admin")
"""The partner users whose carts hold a line."""

QUOTES = {"nw_admin_quote": "nw_admin"}
"""Each quote by world record: its owner."""


def build(world: World) -> None:
    product_id = world.ids["active_product"]["product"][0]
    for owner in SHOPPERS:
        actor = as_actor(world.users[owner])
        if owner == "nw_admin":
            lines.line_add(actor=actor, product_id=product_id, quantity=Decimal(3))
            quote = checkout.cart_save_quote(actor=actor)
            world.add("nw_admin_quote", "quote", quote)
        line = lines.line_add(actor=actor, product_id=product_id)
        world.add(f"{owner}_cart", "cart", line.cart)
        world.add(f"{owner}_cart", "cart_line", line)
