"""ORD-7: which orders may be revised, asked when a revision starts and
again when it is submitted (fulfilment may have moved on meanwhile)."""

from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.errors import Conflict
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
