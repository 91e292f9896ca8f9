"""Products with their attributes and options (Manage Products)."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from openprm.catalog import selectors
from openprm.catalog.models import (
    Product,
    ProductAttribute,
    ProductOption,
    ProductType,
)
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.records import record_create, record_delete, record_update

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


def unknown_fields(data: Mapping[str, Any], known: frozenset[str]) -> None:
    unknown = sorted(set(data) - known)
    if unknown:
        raise ValidationFailed(field_errors={name: [_("Unknown field.")] for name in unknown})


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown_fields(data, PRODUCT_FIELDS)
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
