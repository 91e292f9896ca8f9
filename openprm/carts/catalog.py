"""What the cart declares: how far a power user may discount a line (ORD-8)
and how long a quote stays valid (ORD-6)."""

from openprm.core.catalog import Option

POWER_DISCOUNT = "ORD_POWER_USER_MAX_DISCOUNT"
QUOTE_VALID_DAYS = "ORD_QUOTE_VALID_DAYS"

OPTIONS = (
    Option(
        POWER_DISCOUNT,
        "Order Power User Maximum Discount",
        "The largest manual discount (%) a power user may give on a cart line.",
        value_type="number",
        default_value="10",
    ),
    Option(
        QUOTE_VALID_DAYS,
        "Quote Validity Days",
        "Days a saved quote stays valid.",
        value_type="number",
        default_value="30",
    ),
)
