"""The product list (ORD-1), declared once for the page, files and API."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from openprm.catalog import selectors
from openprm.catalog.filters import ProductFilter
from openprm.catalog.models import Product
from openprm.core.actor import Actor
from openprm.core.tables import Column, ListSpec, Query


def _products(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Product]:
    products = selectors.product_list(actor=actor)
    return filters.filter(products) if filters is not None else products


PRODUCTS = ListSpec(
    name="catalog.products",
    select=_products,
    columns=(
        Column("id", _("ID"), lambda p: p.pk, shown=False),
        Column("code", _("Code"), sort="code", link=Product.get_absolute_url),
        Column("name", _("Name"), sort="name_search", link=Product.get_absolute_url),
        Column("family", _("Product family"), sort="family"),
        Column("is_active", _("Active"), sort="is_active"),
    ),
    filters=ProductFilter,
    default_sort="name",
    filename="products",
)
