"""Storing a request's drafts as an order's lines, parents first."""

from collections.abc import Sequence

from openprm.orders.lines import Draft
from openprm.orders.models import OrderLine

SAVED_FIELDS = (
    "position",
    "parent",
    "quantity",
    "one_time_price",
    "monthly_price",
    "component_discount_percent",
    "discount_percent",
    "one_time_amount",
    "monthly_amount",
    "fulfilment_status",
)


def save_lines(order_id: int, drafts: Sequence[Draft]) -> list[OrderLine]:
    """Store the drafts as the lines of the order, parents first: the lines
    they keep are updated (their ids stay), the others inserted, and the
    order's lines no draft keeps are deleted. One statement per level of the
    bundle structure, whatever the number of lines."""
    lines = [
        OrderLine(
            pk=d.line_id,
            order_id=order_id,
            key=d.key,
            position=index,
            action=d.action,
            product=d.product,
            asset_id=d.asset_id,
            quantity=d.quantity,
            one_time_price=d.one_time_price,
            monthly_price=d.monthly_price,
            component_discount_percent=d.component_discount_percent,
            discount_percent=d.discount_percent,
            one_time_amount=d.one_time_amount,
            monthly_amount=d.monthly_amount,
            fulfilment_status=d.fulfilment_status,
        )
        for index, d in enumerate(drafts)
    ]
    kept = [d.line_id for d in drafts if d.line_id is not None]
    stored = OrderLine.objects.filter(order_id=order_id)
    stored.update(parent=None)  # a kept line may move away from a line that goes
    stored.exclude(pk__in=kept).delete()
    depth = [0] * len(drafts)
    for index, d in enumerate(drafts):
        if d.parent is not None:
            depth[index] = depth[d.parent] + 1
    for level in range(max(depth, default=-1) + 1):
        batch = [line for index, line in enumerate(lines) if depth[index] == level]
        for index, line in enumerate(lines):
            if depth[index] == level and drafts[index].parent is not None:
                line.parent_id = lines[drafts[index].parent].pk
        OrderLine.objects.bulk_update([x for x in batch if x.pk], SAVED_FIELDS)
        OrderLine.objects.bulk_create([x for x in batch if not x.pk])
    return lines
