"""Reading the catalog, always through the access scope."""

from datetime import date
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.catalog import bundle_rules, pricing
from openprm.catalog.errors import CatalogErrorCode
from openprm.catalog.models import (
    BundleComponent,
    PriceList,
    PriceListItem,
    Product,
    ProductAttribute,
    ProductOption,
    ProductType,
    sellable_q,
)
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import NotFound
from openprm.core.search import key_prefix_q, prefix_q


def product_list(*, actor: Actor) -> QuerySet[Product]:
    return access.visible(Product, actor)


def product_get(*, actor: Actor, pk: Any) -> Product:
    return access.get_visible(Product, actor, pk)


def product_choices(*, actor: Actor) -> QuerySet[Product]:
    """What may go on a new line: active products only, whoever asks."""
    return access.visible(Product, actor).filter(is_active=True).order_by("name_search", "pk")


def name_or_code_q(q: str) -> Q:
    """A product whose name or code starts with `q`: how every product
    picker finds one in a catalog too big to list."""
    return prefix_q("name_search", q) | key_prefix_q("code", q.strip().upper())


def product_pick(*, actor: Actor, q: str, limit: int) -> list[Product]:
    """The active products a new line's picker offers, by name or code."""
    products = product_choices(actor=actor)
    return list((products.filter(name_or_code_q(q)) if q.strip() else products)[:limit])


def product_pick_label(*, actor: Actor, pk: Any) -> str | None:
    """The name a picker shows for a chosen product id, only when offered."""
    return product_choices(actor=actor).filter(pk=pk).values_list("name", flat=True).first()


def attributes_of(*, actor: Actor, product: Product) -> QuerySet[ProductAttribute]:
    return access.visible(ProductAttribute, actor).filter(product=product)


def options_of(*, actor: Actor, product: Product) -> QuerySet[ProductOption]:
    return access.visible(ProductOption, actor).filter(product=product).select_related("option")


def components_of(*, actor: Actor, bundle: Product) -> QuerySet[BundleComponent]:
    return access.visible(BundleComponent, actor).filter(bundle=bundle).select_related("product")


def component_get(*, actor: Actor, bundle: Product, pk: Any) -> BundleComponent:
    return access.get_visible(
        BundleComponent, actor, pk, access.visible(BundleComponent, actor).filter(bundle=bundle)
    )


def price_list_list(*, actor: Actor) -> QuerySet[PriceList]:
    return access.visible(PriceList, actor).select_related("customer")


def price_list_get(*, actor: Actor, pk: Any) -> PriceList:
    return access.get_visible(PriceList, actor, pk)


def items_of(*, actor: Actor, price_list: PriceList) -> QuerySet[PriceListItem]:
    return (
        access.visible(PriceListItem, actor).filter(price_list=price_list).select_related("product")
    )


def item_get(*, actor: Actor, price_list: PriceList, pk: Any) -> PriceListItem:
    return access.get_visible(
        PriceListItem, actor, pk, items_of(actor=actor, price_list=price_list)
    )


def offer(
    *,
    actor: Actor,
    for_customer: int | None = None,
    on: date | None = None,
    walk: bool = False,
) -> QuerySet[Product]:
    """ORD-1: what the caller may order, at its prices: the orderable
    products sellable today that its price list holds, each carrying
    `one_time_price`, `monthly_price` and `currency`. A product not on the
    caller's price list is not offered. `walk`: see `pricing.priced`."""
    day = on or timezone.localdate()
    price_list = pricing.price_list_for(actor, for_customer=for_customer, on=day)
    products = access.visible(Product, actor).filter(sellable_q(day), is_orderable=True)
    return pricing.priced(products, price_list, walk=walk)


def _part(product: Product) -> bundle_rules.Part:
    return bundle_rules.Part(
        id=product.pk,
        name=product.name,
        type=product.type,
        is_active=product.is_active,
        active_from=product.active_from,
        active_to=product.active_to,
    )


def bundle_definition(*, actor: Actor, pk: Any) -> bundle_rules.Bundle:
    """ORD-8: a bundle as its rules see it, in three queries: the bundle,
    its components, and the options of each component."""
    bundle = product_get(actor=actor, pk=pk)
    if bundle.type != ProductType.BUNDLE:
        raise NotFound(
            _("%(name)s is not a bundle.") % {"name": bundle.name},
            code=CatalogErrorCode.NOT_A_BUNDLE,
        )
    components = list(
        access.visible(BundleComponent, actor)
        .filter(bundle=bundle)
        .select_related("product")
        .prefetch_related(
            Prefetch(
                "product__option_links",
                queryset=access.visible(ProductOption, actor).select_related("option"),
            )
        )
    )
    return bundle_rules.Bundle(
        product=_part(bundle),
        components=[
            bundle_rules.Component(
                product=_part(c.product),
                role=c.role,
                min_quantity=c.min_quantity,
                max_quantity=c.max_quantity,
                discount_percent=c.discount_percent,
            )
            for c in components
        ],
        options={
            c.product_id: {
                link.option_id: _part(link.option) for link in c.product.option_links.all()
            }
            for c in components
        },
    )
