"""What the orders app declares: the order manager's privilege and how far
a power user may discount a line by hand (ORD-8)."""

from django.utils.translation import gettext_lazy as _

from openprm.core.catalog import Option, Privilege, RoleGrant
from openprm.identity.catalog import SALES_ADMINISTRATOR

MANAGE_ORDERS = "manage_orders"

PRIVILEGES = (Privilege(MANAGE_ORDERS, _("Manage Orders")),)

GRANTS = (RoleGrant(SALES_ADMINISTRATOR, (MANAGE_ORDERS,)),)

POWER_USER_DISCOUNT = "ZORD_POWER_USER_MAX_DISCOUNT"

OPTIONS = (
    Option(
        POWER_USER_DISCOUNT,
        "Order Power User Discount",
        "The highest manual discount (%) a partner power user may give on an order line.",
        value_type="number",
        default_value="10",
    ),
)
