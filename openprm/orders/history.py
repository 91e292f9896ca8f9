"""An order's History tab (PLAT-5, ORD-3..ORD-7): the revision's audit trail,
a page at a time, as a reader reads it.

The record's own fields (state, totals) read as every record's do
(core.audit.readable); its lines are stored by codes (orders/line_audit.py)
and are said here in the reader's language, each named by its number and
product so a reader can follow one line through the entries."""

from decimal import Decimal
from typing import Any

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from openprm.core.actor import Actor
from openprm.core.audit.readable import ChangeLine, readable_history
from openprm.core.audit.selectors import audit_history
from openprm.core.listing import ListPage, read_page
from openprm.core.money import money
from openprm.orders.line_audit import LINE_PREFIX, STATUS_SUFFIX
from openprm.orders.models import FulfilmentStatus, LineAction, Order, OrderLine
from openprm.orders.selectors import lines_of

HISTORY_PER_PAGE = 25
TOTALS = ("one_time_total", "monthly_total")


def _choice(choices: type[Any], code: str) -> str:
    try:
        return str(choices(code).label)
    except ValueError:
        return code


def _summary(state: dict[str, str] | None, currency: str) -> str:
    if not state:
        return "—"
    return _(
        "%(action)s, quantity %(quantity)s, %(one_time)s one-time + %(monthly)s monthly, %(status)s"
    ) % {
        "action": _choice(LineAction, state["action"]),
        "quantity": state["quantity"],
        "one_time": money(Decimal(state["one_time"]), currency),
        "monthly": money(Decimal(state["monthly"]), currency),
        "status": _choice(FulfilmentStatus, state["status"]),
    }


def _line_changes(
    parts: dict[str, list[Any]], names: dict[int, str], currency: str
) -> list[ChangeLine]:
    status_label = capfirst(str(OrderLine._meta.get_field("fulfilment_status").verbose_name))
    lines = []
    for key, (before, after) in parts.items():
        line_id = _line_number(key)
        if key.endswith(STATUS_SUFFIX):
            name = names.get(line_id, "")
            label = _("Line #%(id)s %(product)s: %(field)s") % {
                "id": line_id,
                "product": name,
                "field": status_label,
            }
            shown = (_choice(FulfilmentStatus, before), _choice(FulfilmentStatus, after))
        else:
            name = (after or before or {}).get("name", "")
            label = _("Line #%(id)s %(product)s") % {"id": line_id, "product": name}
            shown = (_summary(before, currency), _summary(after, currency))
        lines.append(ChangeLine(label.strip(), *shown))
    return lines


def _totals(parts: dict[str, list[Any]], currency: str) -> list[ChangeLine]:
    """The order's totals as amounts in its currency."""
    lines = []
    for name, (before, after) in parts.items():
        label = capfirst(str(Order._meta.get_field(name).verbose_name))
        shown = [
            money(Decimal(str(v)), currency) if v is not None else "—" for v in (before, after)
        ]
        lines.append(ChangeLine(label, *shown))
    return lines


def _line_number(key: str) -> int:
    return int(key.removeprefix(LINE_PREFIX).removesuffix(STATUS_SUFFIX))


def order_history(*, actor: Actor, order: Order, number: int) -> ListPage:
    """Page `number` of the revision's trail, newest first; each entry with
    `lines` (what changed) and `who`. A creation reads as one line."""
    page = read_page(audit_history(actor=actor, instance=order), number, HISTORY_PER_PAGE)
    entries = page.object_list
    parts = []
    for entry in entries:
        own = {k: v for k, v in entry.changes.items() if k.startswith(LINE_PREFIX)}
        totals = {k: v for k, v in entry.changes.items() if k in TOTALS}
        parts.append((dict(sorted(own.items(), key=lambda item: _line_number(item[0]))), totals))
        entry.changes = {k: v for k, v in entry.changes.items() if k not in own and k not in totals}
    readable_history(actor, entries)
    names = {line.pk: line.product.name for line in lines_of(actor=actor, order=order)}
    for entry, (own, totals) in zip(entries, parts, strict=True):
        if entry.action == entry.Action.CREATE:
            entry.lines = []
            continue
        entry.lines = [
            *entry.lines,
            *_totals(totals, order.currency),
            *_line_changes(own, names, order.currency),
        ]
    return page
