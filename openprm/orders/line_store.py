"""Storing a request's drafts as an order's lines, parents first, and
copying an order's lines into its revision."""

from collections.abc import Sequence

from django.db import connection
from django.utils import timezone

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


def save_lines(order_id: int, drafts: Sequence[Draft], *, new: bool = False) -> list[OrderLine]:
    """Store the drafts as the lines of the order, parents first: the lines
    they keep are updated (their ids stay), the others inserted, and the
    order's lines no draft keeps are deleted (a `new` order has none to
    look for). One statement per level of the bundle structure, whatever
    the number of lines."""
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
    if not new:
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


COPY_SKIPPED = frozenset({"id", "order", "parent", "created_at", "updated_at"})


def copy_lines(source_id: int, target_id: int) -> None:
    """Copy every line of order `source_id` into the new order `target_id`
    (a revision, ORD-4) in two statements whatever the number of lines: one
    INSERT … SELECT, then one UPDATE pointing each copied part at its copied
    parent, found by the line key the two orders share."""
    quote = connection.ops.quote_name
    table = quote(OrderLine._meta.db_table)
    columns = ", ".join(
        quote(f.column) for f in OrderLine._meta.concrete_fields if f.name not in COPY_SKIPPED
    )
    stamp = connection.ops.adapt_datetimefield_value(timezone.now())
    created, updated, order_id, key, parent_id = (
        quote(OrderLine._meta.get_field(n).column)
        for n in ("created_at", "updated_at", "order", "key", "parent")
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {table} ({created}, {updated}, {order_id}, {columns}) "  # noqa: S608
            f"SELECT %s, %s, %s, {columns} FROM {table} WHERE {order_id} = %s",
            [stamp, stamp, target_id, source_id],
        )
        cursor.execute(
            f"UPDATE {table} SET {parent_id} = ("  # noqa: S608
            f"SELECT dup.id FROM {table} src JOIN {table} par ON par.id = src.{parent_id} "
            f"JOIN {table} dup ON dup.{order_id} = %s AND dup.{key} = par.{key} "
            f"WHERE src.{order_id} = %s AND src.{key} = {table}.{key}) "
            f"WHERE {order_id} = %s AND {key} IN ("
            f"SELECT {key} FROM {table} WHERE {order_id} = %s AND {parent_id} IS NOT NULL)",
            [target_id, source_id, target_id, source_id],
        )
