"""The catalog's lists (ORD-1), each declared once for the page, files and API."""

from operator import attrgetter
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from openprm.catalog import selectors
from openprm.catalog.filters import OfferFilter, PriceListFilter, ProductFilter
from openprm.catalog.models import PriceList, Product
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
        Column("type", _("Type"), lambda p: p.get_type_display(), sort="type"),
        Column("charge", _("Charge"), lambda p: p.get_charge_type_display()),
        Column("is_orderable", _("Orderable"), sort="is_orderable"),
        Column("is_active", _("Active"), sort="is_active"),
    ),
    filters=ProductFilter,
    default_sort="name",
    filename="products",
)


PRICE_SORTS = ("one_time", "monthly")


def _offer(
    *, actor: Actor, filters: Any, query: Query, sort: str, **scope: Any
) -> QuerySet[Product]:
    customer = getattr(filters, "customer_id", None)
    walk = sort.lstrip("-") not in PRICE_SORTS and not getattr(filters, "q", None)
    products = selectors.offer(actor=actor, for_customer=customer, walk=walk)
    return filters.filter(products) if filters is not None else products


OFFER = ListSpec(
    name="catalog.offer",
    select=_offer,
    columns=(
        Column("id", _("ID"), lambda p: p.pk, shown=False),
        Column("code", _("Code"), sort="code"),
        Column("name", _("Name"), sort="name_search"),
        Column("family", _("Product family"), sort="family"),
        Column("type", _("Type"), lambda p: p.get_type_display()),
        Column(
            "one_time",
            _("One-time price"),
            attrgetter("one_time_price"),
            sort="one_time_price",
            cell="cells/money.html",
        ),
        Column(
            "monthly",
            _("Monthly price"),
            attrgetter("monthly_price"),
            sort="monthly_price",
            cell="cells/money.html",
        ),
        Column("currency", _("Currency"), shown=False),
        # ORD-2: the cart app's button; the portal page shows it, the files do not.
        Column("cart", _("Cart"), cell="carts/cells/add_to_cart.html", exported=False),
    ),
    filters=OfferFilter,
    default_sort="name",
    row_key=lambda p: p.code,
    count=False,  # tens of thousands of priced products: the total only on request
)


def _price_lists(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[PriceList]:
    rows = selectors.price_list_list(actor=actor)
    return filters.filter(rows) if filters is not None else rows


PRICE_LISTS = ListSpec(
    name="catalog.price_lists",
    select=_price_lists,
    columns=(
        Column("id", _("ID"), lambda p: p.pk, shown=False),
        Column("name", _("Name"), sort="name", link=PriceList.get_absolute_url),
        Column("currency", _("Currency"), sort="currency"),
        Column("audience", _("Audience"), lambda p: p.get_audience_display(), sort="audience"),
        Column("active_from", _("Active from"), sort="active_from"),
        Column("active_to", _("Active to"), sort="active_to"),
    ),
    filters=PriceListFilter,
    default_sort="name",
    filename="price-lists",
)
