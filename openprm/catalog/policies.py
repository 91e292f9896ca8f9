"""Who sees and maintains the catalog (ORD-1, ORD-8).

Every signed-in user — partner users included, who put products on their
registrations and orders — sees the active products with their attributes,
options and bundle parts; those who maintain the catalog (Manage Products)
also see the inactive ones and change them. Price lists are the maintainers'
of prices (Manage Price Lists): a partner user learns its own prices through
the pricing service, never another audience's list.
"""

from django.db.models import QuerySet

from openprm.catalog.catalog import MANAGE_PRICE_LISTS, MANAGE_PRODUCTS
from openprm.catalog.models import (
    BundleComponent,
    PriceList,
    PriceListItem,
    Product,
    ProductAttribute,
    ProductOption,
)
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import has_privilege, missing_privilege


def _maintains(actor: Actor) -> bool:
    return actor.is_internal and has_privilege(actor, MANAGE_PRODUCTS)


@access.policy(Product)
class ProductPolicy(access.Policy[Product]):
    def view(self, rows: QuerySet[Product], actor: Actor) -> QuerySet[Product]:
        if _maintains(actor):
            return rows
        return rows.filter(is_active=True)

    def check_change(self, actor: Actor, product: Product) -> PermissionRefused | None:
        """Also the rule of its attributes, options and bundle components."""
        return missing_privilege(actor, MANAGE_PRODUCTS)

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return missing_privilege(actor, MANAGE_PRODUCTS)


@access.policy(ProductAttribute)
class ProductAttributePolicy(access.Policy[ProductAttribute]):
    """Seen with its product; changed as a change of the product."""

    def view(self, rows: QuerySet[ProductAttribute], actor: Actor) -> QuerySet[ProductAttribute]:
        return rows if _maintains(actor) else rows.filter(product__is_active=True)


@access.policy(ProductOption)
class ProductOptionPolicy(access.Policy[ProductOption]):
    """Seen with its product; changed as a change of the product."""

    def view(self, rows: QuerySet[ProductOption], actor: Actor) -> QuerySet[ProductOption]:
        return rows if _maintains(actor) else rows.filter(product__is_active=True)


@access.policy(BundleComponent)
class BundleComponentPolicy(access.Policy[BundleComponent]):
    """Seen with its bundle; changed as a change of the bundle."""

    def view(self, rows: QuerySet[BundleComponent], actor: Actor) -> QuerySet[BundleComponent]:
        return rows if _maintains(actor) else rows.filter(bundle__is_active=True)


def _prices(actor: Actor) -> bool:
    return actor.is_internal and has_privilege(actor, MANAGE_PRICE_LISTS)


@access.policy(PriceList)
class PriceListPolicy(access.Policy[PriceList]):
    def view(self, rows: QuerySet[PriceList], actor: Actor) -> QuerySet[PriceList]:
        return rows if _prices(actor) else rows.none()

    def check_change(self, actor: Actor, price_list: PriceList) -> PermissionRefused | None:
        """Also the rule of its items."""
        return missing_privilege(actor, MANAGE_PRICE_LISTS)

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return missing_privilege(actor, MANAGE_PRICE_LISTS)


@access.policy(PriceListItem)
class PriceListItemPolicy(access.Policy[PriceListItem]):
    """Seen with its price list; changed as a change of the price list."""

    def view(self, rows: QuerySet[PriceListItem], actor: Actor) -> QuerySet[PriceListItem]:
        return rows if _prices(actor) else rows.none()
