"""An order's lines on the order's audit trail (PLAT-5, ORD-3, ORD-5): each
line added, changed or removed on a pending order or revision, and each
fulfilment status reported, shows in the order's history as "Line #12
Family line: Add, quantity 1, €0 one-time + €9.60 monthly, Open"; a line is named by its
number and product so a reader can follow it."""

from collections.abc import Iterable
from typing import Any

from django.utils.translation import gettext as _

from openprm.core.actor import Actor
from openprm.core.audit.services import audit_parts
from openprm.core.money import money
from openprm.orders.models import FulfilmentStatus, Order, OrderLine


def _name(line: OrderLine) -> str:
    return _("Line #%(id)s %(product)s") % {"id": line.pk, "product": line.product.name}


def line_summary(line: OrderLine, currency: str) -> str:
    """What a reader needs of a line: action, quantity, amounts, fulfilment."""
    return _(
        "%(action)s, quantity %(quantity)s, %(one_time)s one-time + %(monthly)s monthly, %(status)s"
    ) % {
        "action": line.get_action_display(),
        "quantity": line.quantity.normalize(),
        "one_time": money(line.one_time_amount, currency),
        "monthly": money(line.monthly_amount, currency),
        "status": FulfilmentStatus(line.fulfilment_status).label,
    }


def lines_state(lines: Iterable[OrderLine], currency: str) -> dict[str, str]:
    """Each line's summary by its name, for `audit_lines`."""
    return {_name(line): line_summary(line, currency) for line in lines}


def audit_lines(
    *, actor: Actor, order: Order, before: dict[str, str], after: dict[str, str]
) -> None:
    """One entry on the order's trail for every line that changed."""
    changes: dict[str, list[Any]] = {
        name: [before.get(name), after.get(name)] for name in dict.fromkeys([*before, *after])
    }
    audit_parts(actor=actor, instance=order, changes=changes)


def audit_statuses(
    *, actor: Actor, order: Order, lines: Iterable[OrderLine], changes: dict[int, str]
) -> None:
    """Fulfilment reports: each changed line's status before and after."""
    found = {
        _name(line) + " · " + _("fulfilment"): [
            FulfilmentStatus(line.fulfilment_status).label,
            FulfilmentStatus(changes[line.pk]).label,
        ]
        for line in lines
        if line.pk in changes
    }
    audit_parts(actor=actor, instance=order, changes=found)
