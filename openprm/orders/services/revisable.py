"""ORD-7: which orders may be revised, asked when a revision starts and
again when it is submitted (fulfilment may have moved on meanwhile)."""

from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict
from openprm.core.records import record_update
from openprm.orders.errors import OrderErrorCode
from openprm.orders.models import PAST_NO_RETURN, Order, OrderLine, OrderState


def require_revisable(order: Order) -> None:
    """ORD-7: only a submitted order that is not fulfilled, cancelled or
    past its point of no return, with no other revision pending."""
    if order.state == OrderState.PENDING:
        raise Conflict(
            _(
                "Submitted order: %(order)s is not submitted yet; an unsubmitted order cannot be "
                "revised."
            )
            % {"order": order},
            code=OrderErrorCode.REVISION_NOT_ALLOWED,
        )
    if order.state not in (OrderState.OPEN, OrderState.IN_PROGRESS):
        raise Conflict(
            _("Revisable order: %(order)s is %(state)s and cannot be revised.")
            % {"order": order, "state": order.get_state_display()},
            code=OrderErrorCode.REVISION_NOT_ALLOWED,
        )
    past = (
        access.unscoped(OrderLine)
        .filter(order=order, fulfilment_status__in=PAST_NO_RETURN)
        .select_related("product")
        .first()
    )
    if past is not None:
        raise Conflict(
            _(
                "Point of no return: %(product)s on %(order)s has passed its point of no return in "
                "fulfilment; the order cannot be revised."
            )
            % {"product": past.product.name, "order": order},
            code=OrderErrorCode.REVISION_NOT_ALLOWED,
        )


def moved(actor: Actor, order: Order, state: str) -> None:
    """A revision moved by a change of another one (superseded by its
    successor, cancelled with its order), on its own trail."""
    record_update(
        actor=actor, instance=order, changes={"state": state}, expected_version=None, clean=False
    )


def cancel_pending_revisions(actor: Actor, order: Order) -> None:
    """ORD-7: a pending revision of an order that can no longer be revised —
    cancelled, fulfilled or past its point of no return — could never be
    submitted, and its lines would show as coming changes in the service
    profile (ORD-5); it is cancelled with the order's move, never deleted."""
    pending = access.unscoped(Order).filter(number=order.number, state=OrderState.PENDING)
    for revision in pending.exclude(pk=order.pk).select_for_update():
        moved(actor, revision, OrderState.CANCELLED)
