"""ORD-9: an installed asset changes through one open order at a time."""

from collections.abc import Iterable

from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.errors import Conflict
from openprm.orders.errors import OrderErrorCode
from openprm.orders.models import OPEN_STATES, LineAction, Order, OrderLine

CHANGING = (LineAction.UPDATE, LineAction.DELETE)


def open_order_touching(asset_ids: Iterable[int], *, other_than: str = "") -> OrderLine | None:
    """A line of an open order (other than the order numbered `other_than`)
    that changes one of the assets, or None."""
    return (
        access.unscoped(OrderLine)
        .filter(
            asset_id__in=list(asset_ids),
            action__in=CHANGING,
            order__state__in=OPEN_STATES,
        )
        .exclude(order__number=other_than)
        .select_related("order", "product")
        .first()
    )


def refuse_touched(line: OrderLine) -> Conflict:
    return Conflict(
        _(
            "One open order per asset: %(product)s already has an open order, %(number)s; it "
            "cannot be changed "
            "until that order is fulfilled or cancelled."
        )
        % {"product": line.product.name, "number": line.order.number},
        code=OrderErrorCode.ASSET_TOUCHED_BY_OPEN_ORDER,
        extra={"open_order": line.order.number, "open_order_id": line.order_id},
    )


def require_untouched(order: Order) -> None:
    """Before an order is submitted: the assets it changes have no other open order."""
    assets = (
        access.unscoped(OrderLine)
        .filter(order=order, action__in=CHANGING)
        .values_list("asset_id", flat=True)
    )
    line = open_order_touching(assets, other_than=order.number)
    if line is not None:
        raise refuse_touched(line)
