"""What the cart declares: how long a quote stays valid (ORD-6). The
manual discount a power user may give is the orders app's option."""

from openprm.core.catalog import Option

QUOTE_VALID_DAYS = "ORD_QUOTE_VALID_DAYS"

OPTIONS = (
    Option(
        QUOTE_VALID_DAYS,
        "Quote Validity Days",
        "Days a saved quote stays valid.",
        value_type="number",
        default_value="30",
    ),
)
