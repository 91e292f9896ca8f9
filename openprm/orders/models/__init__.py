"""Partner orders and the installed assets they produce (ORD-3, ORD-4,
ORD-5, ORD-7, ORD-9).

An order is one row per revision: every revision is a complete version of
the order (ORD-4), and all revisions share the order `number`. The lines of
a bundle hang under the bundle's line (`parent`), the options of a line
under that line, so a revision, a diff and the assets keep the structure
"plan → its lines → each line's options". A line's `key` stays the same
from one revision to the next: it is how two revisions are compared.
Money is Decimal in the price list's currency; tax is out of scope.
"""

from openprm.orders.models.assets import (
    Asset,
    AssetEvent,
    AssetEventKind,
    AssetStatus,
    ServiceProfileState,
)
from openprm.orders.models.orders import (
    OPEN_STATES,
    PAST_NO_RETURN,
    FulfilmentStatus,
    LineAction,
    Order,
    OrderLine,
    OrderState,
)

__all__ = [
    "OPEN_STATES",
    "PAST_NO_RETURN",
    "Asset",
    "AssetEvent",
    "AssetEventKind",
    "AssetStatus",
    "FulfilmentStatus",
    "LineAction",
    "Order",
    "OrderLine",
    "OrderState",
    "ServiceProfileState",
]
