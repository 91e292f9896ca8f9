"""The codes of the orders app's refusals: part of the API contract. Each
message names the SPEC rule it enforces."""

from enum import StrEnum


class OrderErrorCode(StrEnum):
    BUNDLE_RULES_BROKEN = "order_bundle_rules_broken"
    PRODUCT_NOT_PRICED = "order_product_not_priced"
    PRODUCT_NOT_ORDERABLE = "order_product_not_orderable"
    PRODUCT_INACTIVE = "order_product_inactive"
    OPTION_NOT_OF_PRODUCT = "order_option_not_of_product"
    QUANTITY_INVALID = "order_quantity_invalid"
    PRICE_LIST_NOT_CALLERS = "order_price_list_not_callers"
    PRICE_CHANGE_REFUSED = "order_price_change_refused"
    DISCOUNT_TOO_HIGH = "order_discount_too_high"
    PARENT_LINE_INVALID = "order_parent_line_invalid"
    NO_LINES = "order_no_lines"
    CUSTOMER_REQUIRED = "order_customer_required"
    OPPORTUNITY_OTHER_ACCOUNT = "order_opportunity_other_account"
    STATE_REFUSES = "order_state_refuses"
    REVISION_PENDING = "order_revision_pending"
    REVISION_NOT_ALLOWED = "order_revision_not_allowed"
    LINE_PRODUCT_CHANGED = "order_line_product_changed"
    LINE_UNKNOWN = "order_line_unknown"
    FULFILMENT_TRANSITION = "order_fulfilment_transition"
    ASSET_TOUCHED_BY_OPEN_ORDER = "order_asset_touched_by_open_order"
    ASSET_INACTIVE = "order_asset_inactive"
    ASSET_OTHER_CUSTOMER = "order_asset_other_customer"
    ASSET_CHANGE_EMPTY = "order_asset_change_empty"
