"""Maintaining the catalog (ORD-1, ORD-8): products with their attributes
and options, bundles and their components (Manage Products), price lists and
their items (Manage Price Lists); and checking a bundle configuration.

Products are products.py, bundles bundles.py, price lists price_lists.py.
"""

from openprm.catalog.services.bundles import (
    COMPONENT_FIELDS,
    component_add,
    component_remove,
    component_update,
    configuration_check,
    require_configuration,
)
from openprm.catalog.services.price_lists import (
    PRICE_LIST_FIELDS,
    item_remove,
    item_set,
    price_list_create,
    price_list_update,
    require_price_list_change,
)
from openprm.catalog.services.products import (
    PRODUCT_FIELDS,
    attribute_remove,
    attribute_set,
    option_add,
    option_remove,
    product_create,
    product_update,
    require_change,
)

__all__ = [
    "COMPONENT_FIELDS",
    "PRICE_LIST_FIELDS",
    "PRODUCT_FIELDS",
    "attribute_remove",
    "attribute_set",
    "component_add",
    "component_remove",
    "component_update",
    "configuration_check",
    "item_remove",
    "item_set",
    "option_add",
    "option_remove",
    "price_list_create",
    "price_list_update",
    "product_create",
    "product_update",
    "require_change",
    "require_configuration",
    "require_price_list_change",
]
