"""Placing the order of a cart or quote through the orders app (ORD-3):
the lines as the orders service takes them, a bundle's components and a
line's options pointing at their parent line."""

from collections.abc import Sequence

from openprm.carts import prices
from openprm.carts.models import CartLineKind, Line, Shopping
from openprm.catalog.models import PriceList
from openprm.core.actor import Actor
from openprm.orders.models import Order
from openprm.orders.services import LineSpec, place_order


def place(
    *, actor: Actor, shopping: Shopping, price_list: PriceList, lines: Sequence[Line]
) -> Order:
    specs: list[LineSpec] = []
    index: dict[int, int] = {}
    for line, _depth in prices.tree(lines):
        if line.kind == CartLineKind.OPTION:
            continue
        options = [
            child.product_id
            for child in lines
            if child.parent_id == line.pk and child.kind == CartLineKind.OPTION
        ]
        index[line.pk] = len(specs)
        specs.append(
            LineSpec(
                product_id=line.product_id,
                quantity=line.quantity,
                parent_index=index.get(line.parent_id) if line.parent_id else None,
                option_ids=options,
                discount_percent=line.discount_percent,
            )
        )
    return place_order(
        actor=actor,
        customer_id=shopping.customer_id,
        contact_id=shopping.contact_id,
        price_list_id=price_list.pk,
        opportunity_id=shopping.opportunity_id,
        lines=specs,
    )
