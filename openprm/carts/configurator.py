"""The configurator (ORD-2, ORD-8): a power user builds a bundle within its
rules, seeing every broken rule and the price as it configures, then puts
the configuration in the cart.

A configuration is a list of component lines (product, quantity, options),
the shape `lines.line_add` takes for a bundle. The preview prices it
from the cart's price list — the bundle, each component at the bundle's
discount, each option per unit of its line — and asks the catalog's
`bundle_rules` what it breaks, without writing anything.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.carts import lines as cart_lines
from openprm.carts import prices, services
from openprm.carts.models import CartLine
from openprm.catalog import selectors as catalog
from openprm.catalog.bundle_rules import Bundle, Line, Violation, bundle_rules
from openprm.catalog.models import Product
from openprm.core import access
from openprm.core.actor import Actor


@dataclass(frozen=True)
class PricedPart:
    name: str
    depth: int
    quantity: Decimal
    one_time: Decimal
    monthly: Decimal


@dataclass(frozen=True)
class Preview:
    bundle: Bundle
    currency: str
    parts: list[PricedPart]
    violations: list[str]
    one_time_total: Decimal
    monthly_total: Decimal

    @property
    def valid(self) -> bool:
        return not self.violations


def bundle_for(*, actor: Actor, product_id: int) -> tuple[Product, Bundle]:
    """The bundle a power user may configure (404 unseen, 403 otherwise)."""
    product = catalog.product_get(actor=actor, pk=product_id)
    access.require(actor, "configure", product)
    return product, catalog.bundle_definition(actor=actor, pk=product.pk)


def _lines(components: Sequence[Mapping[str, Any]]) -> list[Line]:
    return [
        Line(int(c["product_id"]), Decimal(c.get("quantity", 1)), tuple(c.get("options", ())))
        for c in components
        if Decimal(c.get("quantity", 1)) != 0
    ]


def preview(*, actor: Actor, product_id: int, components: Sequence[Mapping[str, Any]]) -> Preview:
    """Every rule the configuration breaks and its price, changing nothing."""
    product, bundle = bundle_for(actor=actor, product_id=product_id)
    cart = services.cart_of(actor=actor)
    lines = _lines(components)
    found: list[Violation] = bundle_rules(bundle, lines, on=timezone.localdate())
    violations = [v.message for v in found]
    price_list = cart.price_list
    ids = {product.pk, *(line.product_id for line in lines)}
    ids |= {option for line in lines for option in line.options}
    listed = prices.list_prices(price_list, ids) if price_list else {}
    parts: list[PricedPart] = []

    def priced(
        product_id: int, name: str, quantity: Decimal, discount: Decimal, depth: int
    ) -> None:
        unit = listed.get(product_id)
        if unit is None:
            violations.append(_("Price list: %(name)s is not on your price list.") % {"name": name})
            return
        keep = 1 - discount / 100
        parts.append(
            PricedPart(
                name,
                depth,
                quantity,
                prices.amount(quantity, unit.one_time, keep),
                prices.amount(quantity, unit.monthly, keep),
            )
        )

    priced(product.pk, product.name, Decimal(1), Decimal(0), 0)
    for line in lines:
        component = bundle.component(line.product_id)
        if component is None:
            continue  # named by the bundle's rules
        quantity = Decimal(line.quantity)
        priced(line.product_id, component.product.name, quantity, component.discount_percent, 1)
        owned = bundle.options.get(line.product_id, {})
        for option_id in line.options:
            if option_id in owned:  # at the component's discount (ORD-8)
                priced(option_id, owned[option_id].name, quantity, component.discount_percent, 2)
    return Preview(
        bundle,
        cart.currency,
        parts,
        list(dict.fromkeys(violations)),
        sum((p.one_time for p in parts), Decimal(0)),
        sum((p.monthly for p in parts), Decimal(0)),
    )


def add_to_cart(
    *, actor: Actor, product_id: int, components: Sequence[Mapping[str, Any]]
) -> CartLine:
    """The configuration into the cart, by the cart's own rules."""
    bundle_for(actor=actor, product_id=product_id)
    return cart_lines.line_add(
        actor=actor,
        product_id=product_id,
        components=[
            {"product_id": line.product_id, "quantity": line.quantity, "options": line.options}
            for line in _lines(components)
        ],
    )
