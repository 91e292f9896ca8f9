"""An order's lines on the order's audit trail (PLAT-5, ORD-3, ORD-5): each
line added, changed or removed on a pending order or revision, and each
fulfilment status reported.

The trail stores codes, never words of the writer's language: a line's
state under `line.<id>` (product code and name, action and status codes,
quantity and amounts as decimals) and a reported status under
`line.<id>.fulfilment_status` as the two status codes. The order's History
tab (orders/history.py) says them in the reader's language."""

from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from openprm.core.actor import Actor
from openprm.core.audit.services import audit_parts
from openprm.orders.models import Order, OrderLine

LINE_PREFIX = "line."
STATUS_SUFFIX = ".fulfilment_status"


def line_key(line_id: int) -> str:
    return f"{LINE_PREFIX}{line_id}"


def _decimal(value: Decimal, places: str = "0.01") -> str:
    return str(value.quantize(Decimal(places)))


def line_state(line: OrderLine) -> dict[str, str]:
    """What a reader needs of a line, as codes and exact decimals: equal
    states compare equal whatever exponent a computed amount carries."""
    return {
        "product": line.product.code,
        "name": line.product.name,
        "action": line.action,
        "quantity": f"{line.quantity.normalize():f}",
        "one_time": _decimal(line.one_time_amount),
        "monthly": _decimal(line.monthly_amount),
        "status": line.fulfilment_status,
    }


def lines_state(lines: Iterable[OrderLine]) -> dict[str, dict[str, str]]:
    """Each line's state by its key, for `audit_lines`."""
    return {line_key(line.pk): line_state(line) for line in lines}


def audit_lines(
    *, actor: Actor, order: Order, before: dict[str, Any], after: dict[str, Any]
) -> None:
    """One entry on the order's trail for every line that changed."""
    changes: dict[str, list[Any]] = {
        name: [before.get(name), after.get(name)] for name in dict.fromkeys([*before, *after])
    }
    audit_parts(actor=actor, instance=order, changes=changes)


def audit_statuses(
    *, actor: Actor, order: Order, before: dict[int, str], changes: dict[int, str]
) -> None:
    """Fulfilment reports: each changed line's status code before and after
    (`before` and `changes` map line ids to status codes)."""
    found = {line_key(pk) + STATUS_SUFFIX: [before[pk], status] for pk, status in changes.items()}
    audit_parts(actor=actor, instance=order, changes=found)
