"""Every write of the orders app (DESIGN.md: services own the rules).

`place_order` is what the cart's checkout calls; its signature is stable.
"""

from openprm.orders.lines import LineSpec
from openprm.orders.services.assets import AssetChange, order_assets_change
from openprm.orders.services.editing import kept_specs, order_line_add, order_line_remove
from openprm.orders.services.fulfilment import StatusReport, fulfilment_report
from openprm.orders.services.placing import (
    order_cancel,
    order_lines_replace,
    order_submit,
    place_order,
)
from openprm.orders.services.profile import ProfileItem, service_profile
from openprm.orders.services.revisions import OrderDiff, order_diff, order_revise

__all__ = [
    "AssetChange",
    "LineSpec",
    "OrderDiff",
    "ProfileItem",
    "StatusReport",
    "fulfilment_report",
    "kept_specs",
    "order_assets_change",
    "order_cancel",
    "order_diff",
    "order_line_add",
    "order_line_remove",
    "order_lines_replace",
    "order_revise",
    "order_submit",
    "place_order",
    "service_profile",
]
