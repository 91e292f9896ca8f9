"""One line at a time on a pending order or revision, for the order pages:
the order's lines are kept as they are (by `line_id`), one is added or
removed, and the whole order is checked again (ORD-7, ORD-8)."""

from collections.abc import Sequence

from openprm.catalog.models import ProductType
from openprm.core import access
from openprm.core.actor import Actor
from openprm.orders.lines import LineSpec
from openprm.orders.models import Order, OrderLine
from openprm.orders.services.placing import order_lines_replace


def kept_specs(order: Order, *, without: int | None = None) -> list[LineSpec]:
    """The order's lines as specs that keep them, options folded into their
    line; `without` leaves one line out (with its parts)."""
    lines = list(
        access.unscoped(OrderLine)
        .filter(order=order)
        .select_related("product")
        .order_by("position", "pk")
    )
    dropped = {without} if without is not None else set()
    for line in lines:
        if line.parent_id in dropped:
            dropped.add(line.pk)
    kept = [x for x in lines if x.pk not in dropped and x.product.type != ProductType.OPTION]
    index = {line.pk: i for i, line in enumerate(kept)}
    options: dict[int, list[int]] = {}
    for line in lines:
        if line.product.type == ProductType.OPTION and line.pk not in dropped and line.parent_id:
            options.setdefault(line.parent_id, []).append(line.product_id)
    return [
        LineSpec(
            product_id=line.product_id,
            quantity=line.quantity,
            parent_index=index.get(line.parent_id) if line.parent_id else None,
            option_ids=options.get(line.pk, []),
            discount_percent=line.discount_percent,
            line_id=line.pk,
        )
        for line in kept
    ]


def order_line_add(
    *,
    actor: Actor,
    order: Order,
    product_id: int,
    quantity: object = 1,
    parent_line_id: int | None = None,
    option_ids: Sequence[int] = (),
    expected_version: int | None,
) -> Order:
    specs = kept_specs(order)
    parent = next((i for i, s in enumerate(specs) if s.line_id == parent_line_id), None)
    if parent_line_id is not None and parent is None:
        parent = len(specs) + 1  # refused as a line under no bundle line
    added = LineSpec(
        product_id=product_id, quantity=quantity, parent_index=parent, option_ids=option_ids
    )
    return order_lines_replace(
        actor=actor, order=order, lines=[*specs, added], expected_version=expected_version
    )


def order_line_remove(
    *, actor: Actor, order: Order, line_id: int, expected_version: int | None
) -> Order:
    return order_lines_replace(
        actor=actor,
        order=order,
        lines=kept_specs(order, without=line_id),
        expected_version=expected_version,
    )
