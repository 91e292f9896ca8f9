"""ORD-8: whether a proposed configuration of a bundle keeps its rules.

A pure function of plain data, so the configurator (live, on every change)
and the cart and checkout (before saving) ask the very same question, and a
test can state any case without a database. `selectors.bundle_definition`
loads a `Bundle` in a constant number of queries. Every violated rule is
returned, not only the first, each with a message that names the rule.
"""

from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.catalog.errors import BundleRule
from openprm.catalog.models import ComponentRole, ProductType


@dataclass(frozen=True)
class Part:
    """A product as the rules see it."""

    id: int
    name: str
    type: str
    is_active: bool = True
    active_from: date | None = None
    active_to: date | None = None

    def sellable_on(self, day: date) -> bool:
        return (
            self.is_active
            and (self.active_from is None or self.active_from <= day)
            and (self.active_to is None or day <= self.active_to)
        )


@dataclass(frozen=True)
class Component:
    product: Part
    role: str
    min_quantity: int
    max_quantity: int
    discount_percent: Decimal = Decimal(0)


@dataclass(frozen=True)
class Bundle:
    """A bundle product, its components and the options each product owns
    (`options`: product id → its options by id)."""

    product: Part
    components: Sequence[Component]
    options: Mapping[int, Mapping[int, Part]] = field(default_factory=dict)

    @property
    def primary(self) -> Component | None:
        return next((c for c in self.components if c.role == ComponentRole.PRIMARY), None)

    def component(self, product_id: int) -> Component | None:
        return next((c for c in self.components if c.product.id == product_id), None)


@dataclass(frozen=True)
class Line:
    """One line of a configuration: a component, how many, and the options
    each of them takes."""

    product_id: int
    quantity: Decimal | int = 1
    options: Sequence[int] = ()


@dataclass(frozen=True)
class Violation:
    rule: BundleRule
    message: str
    product_id: int | None = None


RULE_NAMES = {
    BundleRule.NO_PRIMARY_SERVICE: gettext_lazy("Primary service"),
    BundleRule.CARDINALITY: gettext_lazy("Cardinality"),
    BundleRule.NOT_A_COMPONENT: gettext_lazy("Bundle component"),
    BundleRule.OPTION_NOT_OF_PRODUCT: gettext_lazy("Option of the product"),
    BundleRule.INACTIVE_PRODUCT: gettext_lazy("Active product"),
    BundleRule.QUANTITY_NOT_POSITIVE: gettext_lazy("Positive quantity"),
    BundleRule.QUANTITY_FRACTIONAL: gettext_lazy("Whole quantity"),
}


def _violation(rule: BundleRule, detail: str, product_id: int | None = None) -> Violation:
    return Violation(rule, f"{RULE_NAMES[rule]}: {detail}", product_id)


def _quantity(line: Line, part: Part) -> list[Violation]:
    quantity = Decimal(line.quantity)
    if quantity <= 0:
        return [
            _violation(
                BundleRule.QUANTITY_NOT_POSITIVE,
                _("%(name)s needs a quantity above 0, not %(quantity)s.")
                % {"name": part.name, "quantity": quantity},
                part.id,
            )
        ]
    if part.type == ProductType.DEVICE and quantity != quantity.to_integral_value():
        return [
            _violation(
                BundleRule.QUANTITY_FRACTIONAL,
                _("%(name)s is a device; its quantity is a whole number, not %(quantity)s.")
                % {"name": part.name, "quantity": quantity},
                part.id,
            )
        ]
    return []


def _inactive(part: Part, day: date) -> list[Violation]:
    if part.sellable_on(day):
        return []
    return [
        _violation(
            BundleRule.INACTIVE_PRODUCT,
            _("%(name)s is not active and cannot be ordered.") % {"name": part.name},
            part.id,
        )
    ]


def _options(line: Line, part: Part, bundle: Bundle, day: date) -> list[Violation]:
    owned = bundle.options.get(part.id, {})
    found: list[Violation] = []
    for option_id in line.options:
        option = owned.get(option_id)
        if option is None:
            found.append(
                _violation(
                    BundleRule.OPTION_NOT_OF_PRODUCT,
                    _("option %(option)s does not belong to %(name)s.")
                    % {"option": option_id, "name": part.name},
                    part.id,
                )
            )
        else:
            found += _inactive(option, day)
    return found


def _counts(bundle: Bundle, totals: Mapping[int, Decimal]) -> list[Violation]:
    found: list[Violation] = []
    primary = bundle.primary
    if primary is None or totals.get(primary.product.id, 0) < 1:
        found.append(
            _violation(
                BundleRule.NO_PRIMARY_SERVICE,
                _("%(bundle)s needs its primary service%(named)s.")
                % {
                    "bundle": bundle.product.name,
                    "named": f" ({primary.product.name})" if primary else "",
                },
                primary.product.id if primary else None,
            )
        )
    for component in bundle.components:
        total = totals.get(component.product.id, Decimal(0))
        if component.role == ComponentRole.PRIMARY and total < 1:
            continue  # already reported as the missing primary service
        if not component.min_quantity <= total <= component.max_quantity:
            found.append(
                _violation(
                    BundleRule.CARDINALITY,
                    _(
                        "%(bundle)s takes %(min)s to %(max)s of %(name)s; "
                        "this configuration has %(total)s."
                    )
                    % {
                        "bundle": bundle.product.name,
                        "min": component.min_quantity,
                        "max": component.max_quantity,
                        "name": component.product.name,
                        "total": total,
                    },
                    component.product.id,
                )
            )
    return found


def bundle_rules(bundle: Bundle, configuration: Sequence[Line], *, on: date) -> list[Violation]:
    """Every rule of `bundle` that `configuration` breaks on the day `on`;
    an empty list when it keeps them all."""
    found = _inactive(bundle.product, on)
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for line in configuration:
        component = bundle.component(line.product_id)
        if component is None:
            found.append(
                _violation(
                    BundleRule.NOT_A_COMPONENT,
                    _("product %(product)s is not a component of %(bundle)s.")
                    % {"product": line.product_id, "bundle": bundle.product.name},
                    line.product_id,
                )
            )
            continue
        part = component.product
        found += _quantity(line, part)
        found += _inactive(part, on)
        found += _options(line, part, bundle, on)
        if Decimal(line.quantity) > 0:
            totals[part.id] += Decimal(line.quantity)
    found += _counts(bundle, totals)
    return list(dict.fromkeys(found))  # one line per broken rule and product
