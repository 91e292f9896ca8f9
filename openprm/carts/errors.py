"""The codes of the cart's and quotes' refusals: part of the API contract."""

from enum import StrEnum


class CartErrorCode(StrEnum):
    NOT_ON_PRICE_LIST = "not_on_price_list"
    NOT_ORDERABLE = "not_orderable"
    INACTIVE_PRODUCT = "inactive_product"
    QUANTITY_NOT_POSITIVE = "quantity_not_positive"
    QUANTITY_FRACTIONAL = "quantity_fractional"
    OPTION_NOT_OF_PRODUCT = "option_not_of_product"
    CURRENCY_MISMATCH = "currency_mismatch"
    PRICE_CHANGE_NOT_ALLOWED = "price_change_not_allowed"
    DISCOUNT_BEYOND_ALLOWED = "discount_beyond_allowed"
    NO_PRICE_LIST = "no_price_list"
    CONTACT_NOT_OF_CUSTOMER = "contact_not_of_customer"
    OPPORTUNITY_NOT_OF_CUSTOMER = "opportunity_not_of_customer"
    NOT_A_BUNDLE_LINE = "not_a_bundle_line"
    CART_EMPTY = "cart_empty"
    CART_NOT_EMPTY = "cart_not_empty"
    PRICES_CHANGED = "prices_changed"
    QUOTE_EXPIRED = "quote_expired"
    QUOTE_ORDERED = "quote_ordered"
    CONFIGURATOR_POWER_USERS_ONLY = "configurator_power_users_only"
