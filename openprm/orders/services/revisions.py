"""Revisions (ORD-4, ORD-7): a submitted, unfulfilled order is revised by a
complete new version of it, copied in one transaction; the earlier one
becomes read-only history when the new one is submitted. And the readable
difference between two revisions, for people and for fulfilment.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.orders.errors import OrderErrorCode
from openprm.orders.events import OrderRevised
from openprm.orders.line_store import copy_lines
from openprm.orders.models import Order, OrderLine, OrderState
from openprm.orders.services.placing import insert_order
from openprm.orders.services.revisable import require_revisable


def _pending_revision(order: Order) -> Order | None:
    return (
        access.unscoped(Order)
        .filter(number=order.number, state=OrderState.PENDING)
        .exclude(pk=order.pk)
        .first()
    )


def _refuse_second(pending: Order) -> Conflict:
    return Conflict(
        _(
            "One pending revision: revision %(revision)s of %(number)s is already pending; submit "
            "or cancel it."
        )
        % {"revision": pending.revision, "number": pending.number},
        code=OrderErrorCode.REVISION_PENDING,
        extra={"pending_revision_id": pending.pk},
    )


def order_revise(*, actor: Actor, order: Order) -> Order:
    """A new pending revision: the same number, the next revision number,
    every line copied by the database in a fixed number of statements
    (ORD-4). One pending revision at a time (409)."""
    access.require(actor, "revise", order)
    try:
        with transaction.atomic():
            order = access.unscoped(Order).select_for_update().get(pk=order.pk)
            pending = _pending_revision(order)
            if pending is not None:
                raise _refuse_second(pending)
            require_revisable(order)
            latest = (
                access.unscoped(Order)
                .filter(number=order.number)
                .aggregate(Max("revision"))["revision__max"]
            )
            revision = Order(
                number=order.number,
                revision=latest + 1,
                previous=order,
                customer_id=order.customer_id,
                partner_id=order.partner_id,
                contact_id=order.contact_id,
                price_list_id=order.price_list_id,
                currency=order.currency,
                opportunity_id=order.opportunity_id,
                one_time_total=order.one_time_total,
                monthly_total=order.monthly_total,
            )
            insert_order(actor=actor, order=revision)
            copy_lines(order.pk, revision.pk)
            publish(OrderRevised(actor=actor, record=revision, revision=revision.revision))
    except IntegrityError:
        pending = _pending_revision(order)
        if pending is None:
            raise
        raise _refuse_second(pending) from None
    return revision


@dataclass(frozen=True)
class LineChange:
    """One line of a difference: what it is, and each field that changed
    as (before, after)."""

    key: str
    product: str
    action: str
    parent: str | None
    changes: dict[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class OrderDiff:
    before: Order
    after: Order
    added: list[LineChange]
    changed: list[LineChange]
    removed: list[LineChange]
    one_time_change: Decimal
    monthly_change: Decimal


COMPARED = ("quantity", "discount_percent", "one_time_amount", "monthly_amount", "action")


def _described(line: OrderLine, names: dict[int, str], changes: dict | None = None) -> LineChange:
    return LineChange(
        key=str(line.key),
        product=line.product.name,
        action=line.get_action_display(),
        parent=names.get(line.parent_id) if line.parent_id else None,
        changes=changes or {},
    )


def order_diff(*, actor: Actor, before: Order, after: Order) -> OrderDiff:
    """ORD-4: lines added, changed and removed from `before` to `after`
    (two revisions of one order), and the change of each total."""
    if before.number != after.number:
        raise ValidationFailed(
            _("Same order: %(a)s and %(b)s are not revisions of one order.")
            % {"a": before, "b": after},
            code=OrderErrorCode.LINE_UNKNOWN,
        )
    sides = []
    for order in (before, after):
        lines = list(access.visible(OrderLine, actor).filter(order=order).select_related("product"))
        sides.append(({line.key: line for line in lines}, {x.pk: x.product.name for x in lines}))
    (old, old_names), (new, new_names) = sides
    changed = []
    for key, line in new.items():
        if key not in old:
            continue
        differences = {
            name: (str(getattr(old[key], name)), str(getattr(line, name)))
            for name in COMPARED
            if getattr(old[key], name) != getattr(line, name)
        }
        if differences:
            changed.append(_described(line, new_names, differences))
    return OrderDiff(
        before=before,
        after=after,
        added=[_described(line, new_names) for key, line in new.items() if key not in old],
        changed=changed,
        removed=[_described(line, old_names) for key, line in old.items() if key not in new],
        one_time_change=after.one_time_total - before.one_time_total,
        monthly_change=after.monthly_total - before.monthly_total,
    )
