"""Every write of the orders app (DESIGN.md: services own the rules).

`place_order` is what the cart's checkout calls; its signature is stable.
"""

from openprm.orders.lines import LineSpec
from openprm.orders.services.placing import (
    order_cancel,
    order_lines_replace,
    order_submit,
    place_order,
)
from openprm.orders.services.revisions import order_diff, order_revise

__all__ = [
    "LineSpec",
    "order_cancel",
    "order_diff",
    "order_lines_replace",
    "order_revise",
    "order_submit",
    "place_order",
]
