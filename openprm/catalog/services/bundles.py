"""Bundles and their components (Manage Products), and checking a
bundle configuration."""

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.catalog import selectors
from openprm.catalog.bundle_rules import Line, Violation, bundle_rules
from openprm.catalog.errors import CatalogErrorCode
from openprm.catalog.models import (
    BundleComponent,
    ComponentRole,
    Product,
    ProductType,
)
from openprm.catalog.services.products import unknown_fields
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.records import record_create, record_delete, record_update


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
    unknown_fields(changes, COMPONENT_FIELDS)
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
