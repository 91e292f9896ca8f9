"""Writing a fulfilled order's assets and their history (ORD-5, ORD-9) as
the database's work: the rows are made from the order's lines by
INSERT … SELECT and UPDATE statements, so a 500-line order costs the same
few statements as a 5-line one, and no line, asset or event is built as a
Python object on the way."""

from collections.abc import Sequence
from datetime import date

from django.db import connection, models
from django.db.models import OuterRef, Subquery
from django.utils import timezone

from openprm.core import access
from openprm.orders.models import Asset, AssetEvent, AssetStatus, LineAction, Order, OrderLine


def _columns(model: type[models.Model], *names: str) -> list[str]:
    quote = connection.ops.quote_name
    return [quote(model._meta.get_field(name).column) for name in names]


def _table(model: type[models.Model]) -> str:
    return connection.ops.quote_name(model._meta.db_table)


def _stamp() -> object:
    return connection.ops.adapt_datetimefield_value(timezone.now())


def _insert(
    model: type[models.Model], names: Sequence[str], select: str, params: list[object]
) -> int:
    """INSERT INTO the model's table (the fields `names`) the rows of `select`."""
    written = ", ".join(_columns(model, *names))
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {_table(model)} ({written}) {select}", params)
        return max(cursor.rowcount, 0)


def install(order: Order, line_ids: Sequence[int], today: date) -> int:
    """The Add lines `line_ids` (one level of the bundle structure, their
    parents' assets already made) become active assets, each under the
    asset its parent line made or changes; a line that already made its
    asset makes none again. Returns how many were made."""
    if not line_ids:
        return 0
    asset, line = _table(Asset), _table(OrderLine)
    a_origin, a_id = _columns(Asset, "origin", "id")
    l_id, l_parent, l_asset, l_position = _columns(OrderLine, "id", "parent", "asset", "position")
    taken = ", ".join(
        f"l.{c}"
        for c in _columns(
            OrderLine, "product", "quantity", "one_time_amount", "monthly_amount", "id"
        )
    )
    marks = ", ".join(["%s"] * len(line_ids))
    stamp = _stamp()
    return _insert(
        Asset,
        [
            "created_at", "updated_at", "customer", "partner", "currency", "status",
            "start_date", "product", "quantity", "one_time_amount", "monthly_amount", "origin",
            "parent",
        ],
        f"SELECT %s, %s, %s, %s, %s, %s, %s, {taken}, COALESCE("  # noqa: S608
        f"(SELECT pa.{a_id} FROM {asset} pa WHERE pa.{a_origin} = l.{l_parent}), "
        f"(SELECT pl.{l_asset} FROM {line} pl WHERE pl.{l_id} = l.{l_parent})) "
        f"FROM {line} l WHERE l.{l_id} IN ({marks}) "
        f"AND NOT EXISTS (SELECT 1 FROM {asset} m WHERE m.{a_origin} = l.{l_id}) "
        f"ORDER BY l.{l_position}, l.{l_id}",
        [
            stamp,
            stamp,
            order.customer_id,
            order.partner_id,
            order.currency,
            AssetStatus.ACTIVE,
            connection.ops.adapt_datefield_value(today),
            *line_ids,
        ],
    )  # fmt: skip


def change(order: Order, actions: set[str], today: date) -> None:
    """Update lines give their asset the line's quantity and amounts;
    Delete lines end theirs (inactive, with an end date). One statement
    each, whatever the number of lines."""
    lines = access.unscoped(OrderLine).filter(order=order)
    if LineAction.UPDATE in actions:
        updates = lines.filter(action=LineAction.UPDATE)
        latest = updates.filter(asset_id=OuterRef("pk")).order_by("-position", "-pk")
        access.unscoped(Asset).filter(pk__in=updates.values("asset_id")).update(
            **{
                name: Subquery(latest.values(name)[:1])
                for name in ("quantity", "one_time_amount", "monthly_amount")
            }
        )
    if LineAction.DELETE in actions:
        ended = lines.filter(action=LineAction.DELETE).values("asset_id")
        access.unscoped(Asset).filter(pk__in=ended, end_date__isnull=True).update(
            status=AssetStatus.INACTIVE, end_date=today
        )


def record_history(order: Order, today: date) -> None:
    """Each asset's history gets one entry per line of the order that
    installed, changed or disconnected it, once whatever retries happen."""
    event, asset, line = _table(AssetEvent), _table(Asset), _table(OrderLine)
    e_asset, e_line = _columns(AssetEvent, "asset", "line")
    a_id, a_origin = _columns(Asset, "id", "origin")
    l_id, l_order, l_action, l_asset, l_quantity, l_position = _columns(
        OrderLine, "id", "order", "action", "asset", "quantity", "position"
    )
    target = f"COALESCE(a.{a_id}, l.{l_asset})"
    stamp = _stamp()
    _insert(
        AssetEvent,
        ["created_at", "updated_at", "on", "detail", "kind", "asset", "line", "quantity"],
        f"SELECT %s, %s, %s, %s, CASE l.{l_action} WHEN %s THEN %s WHEN %s THEN %s "  # noqa: S608
        f"ELSE %s END, {target}, l.{l_id}, l.{l_quantity} "
        f"FROM {line} l LEFT JOIN {asset} a ON a.{a_origin} = l.{l_id} "
        f"WHERE l.{l_order} = %s AND l.{l_action} IN (%s, %s, %s) "
        f"AND {target} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM {event} e "
        f"WHERE e.{e_asset} = {target} AND e.{e_line} = l.{l_id}) "
        f"ORDER BY l.{l_position}, l.{l_id}",
        [
            stamp,
            stamp,
            connection.ops.adapt_datefield_value(today),
            f"{order.number} rev. {order.revision}",
            LineAction.ADD,
            AssetEvent.Kind.INSTALLED,
            LineAction.UPDATE,
            AssetEvent.Kind.CHANGED,
            AssetEvent.Kind.DISCONNECTED,
            order.pk,
            LineAction.ADD,
            LineAction.UPDATE,
            LineAction.DELETE,
        ],
    )
