"""Maintaining the catalog (ORD-1, ORD-8): products with their attributes
and options, bundles and their components (Manage Products), price lists and
their items (Manage Price Lists); and checking a bundle configuration."""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.catalog import providers, selectors
from openprm.catalog.bundle_rules import Line, Violation, bundle_rules
from openprm.catalog.errors import CatalogErrorCode
from openprm.catalog.models import (
    Audience,
    BundleComponent,
    ComponentRole,
    PriceList,
    PriceListItem,
    Product,
    ProductAttribute,
    ProductOption,
    ProductType,
)
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.records import record_create, record_delete, record_update
from openprm.customers.models import Account

PRODUCT_FIELDS = frozenset(
    {
        "code",
        "name",
        "family",
        "description",
        "is_active",
        "type",
        "charge_type",
        "unit",
        "is_orderable",
        "active_from",
        "active_to",
    }
)
PRICE_LIST_FIELDS = frozenset(
    {"name", "currency", "audience", "tier_id", "customer_id", "active_from", "active_to"}
)


def _unknown(data: Mapping[str, Any], known: frozenset[str]) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValidationFailed(field_errors={name: [_("Unknown field.")] for name in unknown})


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    _unknown(data, PRODUCT_FIELDS)
    values = dict(data)
    for name in ("code", "name", "family", "unit"):
        if name in values:
            values[name] = (values[name] or "").strip()
    if "code" in values:
        values["code"] = values["code"].upper()
    return values


def product_create(*, actor: Actor, data: Mapping[str, Any]) -> Product:
    """A product code is unique and kept upper-case, as order lines quote it."""
    access.require_create(actor, Product)
    return record_create(actor=actor, instance=Product(**_clean(data)))


def product_update(
    *, actor: Actor, product: Product, changes: Mapping[str, Any], expected_version: int | None
) -> Product:
    """Deactivating a product keeps it on existing lines; new lines refuse it.
    A bundle with components stays a bundle."""
    access.require(actor, "change", product)
    values = _clean(changes)
    if (
        values.get("type", product.type) != ProductType.BUNDLE
        and product.type == ProductType.BUNDLE
        and product.components.exists()
    ):
        raise ValidationFailed(
            field_errors={"type": [_("Remove the bundle's components before changing its type.")]}
        )
    return record_update(
        actor=actor, instance=product, changes=values, expected_version=expected_version
    )


def require_change(*, actor: Actor, product: Product) -> None:
    """The edit form opens only for those who may save it."""
    access.require(actor, "change", product)


def attribute_set(*, actor: Actor, product: Product, name: str, value: str) -> ProductAttribute:
    """A product's attribute by name: set, or replaced when it exists."""
    access.require(actor, "change", product)
    name = (name or "").strip()
    value = (value or "").strip()
    existing = ProductAttribute.objects.filter(product=product, name=name).first()
    if existing is not None:
        return record_update(
            actor=actor, instance=existing, changes={"value": value}, expected_version=None
        )
    return record_create(
        actor=actor, instance=ProductAttribute(product=product, name=name, value=value)
    )


def attribute_remove(*, actor: Actor, product: Product, attribute_id: int) -> None:
    access.require(actor, "change", product)
    attribute = access.get_visible(
        ProductAttribute, actor, attribute_id, ProductAttribute.objects.filter(product=product)
    )
    record_delete(actor=actor, instance=attribute)


def option_add(*, actor: Actor, product: Product, option_id: int) -> ProductOption:
    """ORD-8: an option product that lines of `product` may take."""
    access.require(actor, "change", product)
    option = selectors.product_get(actor=actor, pk=option_id)
    if option.type != ProductType.OPTION:
        raise ValidationFailed(
            field_errors={"option_id": [_("%(name)s is not an option.") % {"name": option.name}]}
        )
    return record_create(actor=actor, instance=ProductOption(product=product, option=option))


def option_remove(*, actor: Actor, product: Product, link_id: int) -> None:
    access.require(actor, "change", product)
    link = access.get_visible(
        ProductOption, actor, link_id, ProductOption.objects.filter(product=product)
    )
    record_delete(actor=actor, instance=link)


def _component_rules(bundle: Product, product: Product, role: str) -> None:
    if bundle.type != ProductType.BUNDLE:
        raise ValidationFailed(
            _("%(name)s is not a bundle; make it one first.") % {"name": bundle.name},
            code=CatalogErrorCode.NOT_A_BUNDLE,
        )
    if product.pk == bundle.pk or product.type == ProductType.BUNDLE:
        raise ValidationFailed(
            field_errors={"product_id": [_("A bundle cannot be a component of a bundle.")]}
        )
    if role == ComponentRole.PRIMARY and product.type != ProductType.SERVICE:
        raise ValidationFailed(field_errors={"role": [_("The primary part is a service.")]})


def component_add(
    *,
    actor: Actor,
    bundle: Product,
    product_id: int,
    role: str = ComponentRole.COMPONENT,
    min_quantity: int = 0,
    max_quantity: int = 1,
    discount_percent: Decimal = Decimal(0),
) -> BundleComponent:
    """ORD-8: a part of the bundle, with its cardinality and discount."""
    access.require(actor, "change", bundle)
    product = selectors.product_get(actor=actor, pk=product_id)
    _component_rules(bundle, product, role)
    return record_create(
        actor=actor,
        instance=BundleComponent(
            bundle=bundle,
            product=product,
            role=role,
            min_quantity=min_quantity,
            max_quantity=max_quantity,
            discount_percent=discount_percent,
        ),
    )


COMPONENT_FIELDS = frozenset({"role", "min_quantity", "max_quantity", "discount_percent"})


def component_update(
    *, actor: Actor, bundle: Product, component: BundleComponent, changes: Mapping[str, Any]
) -> BundleComponent:
    access.require(actor, "change", bundle)
    _unknown(changes, COMPONENT_FIELDS)
    _component_rules(bundle, component.product, changes.get("role", component.role))
    return record_update(actor=actor, instance=component, changes=changes, expected_version=None)


def component_remove(*, actor: Actor, bundle: Product, component: BundleComponent) -> None:
    access.require(actor, "change", bundle)
    record_delete(actor=actor, instance=component)


def configuration_check(
    *, actor: Actor, bundle_id: int, lines: Sequence[Line], on: date | None = None
) -> list[Violation]:
    """ORD-8: every rule the configuration breaks (empty: it keeps them)."""
    bundle = selectors.bundle_definition(actor=actor, pk=bundle_id)
    return bundle_rules(bundle, lines, on=on or timezone.localdate())


def require_configuration(
    *, actor: Actor, bundle_id: int, lines: Sequence[Line], on: date | None = None
) -> None:
    """What the cart and checkout call: refused with every broken rule."""
    violations = configuration_check(actor=actor, bundle_id=bundle_id, lines=lines, on=on)
    if violations:
        raise ValidationFailed(
            " ".join(v.message for v in violations),
            code=CatalogErrorCode.BUNDLE_RULES_BROKEN,
            extra={
                "violations": [
                    {"rule": str(v.rule), "message": v.message, "product_id": v.product_id}
                    for v in violations
                ]
            },
        )


def _price_list_values(actor: Actor, data: Mapping[str, Any]) -> dict[str, Any]:
    """The audience names exactly what it needs; a customer must be one the
    maintainer sees, a tier one the programs app knows."""
    _unknown(data, PRICE_LIST_FIELDS)
    values = dict(data)
    if "currency" in values:
        values["currency"] = (values["currency"] or "").strip().upper()
        if len(values["currency"]) != 3 or not values["currency"].isalpha():
            raise ValidationFailed(
                field_errors={"currency": [_("A currency is a 3-letter ISO code, like EUR.")]}
            )
    audience = values.get("audience")
    if audience is not None:
        if audience != Audience.TIER:
            values["tier_id"] = None
        if audience != Audience.CUSTOMER:
            values["customer_id"] = None
    tier = values.get("tier_id")
    if tier is not None and tier not in dict(providers.tier_choices()):
        raise ValidationFailed(
            field_errors={"tier_id": [_("No such partner tier.")]},
            code=CatalogErrorCode.UNKNOWN_TIER,
        )
    customer = values.get("customer_id")
    if customer is not None:
        access.get_visible(Account, actor, customer)
    return values


def price_list_create(*, actor: Actor, data: Mapping[str, Any]) -> PriceList:
    access.require_create(actor, PriceList)
    return record_create(actor=actor, instance=PriceList(**_price_list_values(actor, data)))


def price_list_update(
    *,
    actor: Actor,
    price_list: PriceList,
    changes: Mapping[str, Any],
    expected_version: int | None,
) -> PriceList:
    access.require(actor, "change", price_list)
    return record_update(
        actor=actor,
        instance=price_list,
        changes=_price_list_values(actor, changes),
        expected_version=expected_version,
    )


def require_price_list_change(*, actor: Actor, price_list: PriceList) -> None:
    access.require(actor, "change", price_list)


def item_set(
    *,
    actor: Actor,
    price_list: PriceList,
    product_id: int,
    one_time_price: Decimal = Decimal(0),
    monthly_price: Decimal = Decimal(0),
) -> PriceListItem:
    """A product's prices on the list: added, or replaced when it is there."""
    access.require(actor, "change", price_list)
    product = selectors.product_get(actor=actor, pk=product_id)
    prices = {"one_time_price": one_time_price, "monthly_price": monthly_price}
    with transaction.atomic():
        existing = (
            PriceListItem.objects.select_for_update()
            .filter(price_list=price_list, product=product)
            .first()
        )
        if existing is not None:
            return record_update(
                actor=actor, instance=existing, changes=prices, expected_version=None
            )
        return record_create(
            actor=actor, instance=PriceListItem(price_list=price_list, product=product, **prices)
        )


def item_remove(*, actor: Actor, price_list: PriceList, item: PriceListItem) -> None:
    access.require(actor, "change", price_list)
    record_delete(actor=actor, instance=item)
