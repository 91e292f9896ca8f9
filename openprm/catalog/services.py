"""Maintaining the products master (ORD-1): Manage Products."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from openprm.catalog.models import Product
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.records import record_create, record_update

PRODUCT_FIELDS = frozenset({"code", "name", "family", "description", "is_active"})


def _clean(data: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(data) - PRODUCT_FIELDS)
    if unknown:
        raise ValidationFailed(field_errors={name: [_("Unknown field.")] for name in unknown})
    values = dict(data)
    for name in ("code", "name", "family"):
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
    """Deactivating a product keeps it on existing lines; new lines refuse it."""
    access.require(actor, "change", product)
    return record_update(
        actor=actor, instance=product, changes=_clean(changes), expected_version=expected_version
    )


def require_change(*, actor: Actor, product: Product) -> None:
    """The edit form opens only for those who may save it."""
    access.require(actor, "change", product)
