"""The codes of the catalog's refusals: part of the API contract."""

from enum import StrEnum


class BundleRule(StrEnum):
    """ORD-8: the rules a bundle configuration is checked against; each
    violation carries one of these codes."""

    NO_PRIMARY_SERVICE = "no_primary_service"
    CARDINALITY = "cardinality"
    NOT_A_COMPONENT = "not_a_component"
    OPTION_NOT_OF_PRODUCT = "option_not_of_product"
    INACTIVE_PRODUCT = "inactive_product"
    QUANTITY_NOT_POSITIVE = "quantity_not_positive"
    QUANTITY_FRACTIONAL = "quantity_fractional"


class CatalogErrorCode(StrEnum):
    BUNDLE_RULES_BROKEN = "bundle_rules_broken"
    NOT_A_BUNDLE = "not_a_bundle"
    UNKNOWN_TIER = "unknown_tier"
