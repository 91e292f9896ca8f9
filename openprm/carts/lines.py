"""The lines of the cart (ORD-2, ORD-8): products, a bundle's components
and a line's options put in, changed and taken out.

Every change checks the line's rules (`rules`) and, on a bundle, the
bundle's own rules through the catalog, inside one transaction: a refused
change leaves the cart as it was. The API and the portal pages call these
same functions.
"""

from collections.abc import Sequence
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.carts import prices, rules, selectors
from openprm.carts.errors import CartErrorCode
from openprm.carts.models import Cart, CartLine, CartLineKind
from openprm.carts.services import cart_of
from openprm.catalog import selectors as bundles
from openprm.catalog import services as catalog
from openprm.catalog.bundle_rules import Line as ConfigLine
from openprm.catalog.models import Product, ProductOption, ProductType
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import NotFound, ValidationFailed
from openprm.core.records import record_create, record_delete, record_update


def _product(actor: Actor, product_id: int) -> Product:
    try:
        product = access.get_visible(Product, actor, product_id)
    except NotFound:
        raise rules.not_active(product_id) from None
    if not product.sellable_on(timezone.localdate()):
        raise rules.not_active(product.name)
    return product


def _options(actor: Actor, product: Product, option_ids: Sequence[int]) -> list[Product]:
    owned = {
        link.option_id: link.option
        for link in access.visible(ProductOption, actor)
        .filter(product=product, option_id__in=set(option_ids))
        .select_related("option")
    }
    found = []
    for option_id in dict.fromkeys(option_ids):
        option = owned.get(option_id)
        if option is None:
            raise rules.not_an_option(option_id, product)
        if not option.sellable_on(timezone.localdate()):
            raise rules.not_active(option.name)
        found.append(option)
    return found


def _priced(cart: Cart, product: Product) -> prices.Unit:
    assert cart.price_list is not None
    listed = prices.list_prices(cart.price_list, [product.pk]).get(product.pk)
    if listed is None:
        raise rules.not_on_price_list(product, cart.price_list.name)
    return listed


def _add(
    actor: Actor,
    cart: Cart,
    product: Product,
    kind: str,
    quantity: Decimal,
    parent: CartLine | None = None,
    discount_percent: Decimal = Decimal(0),
    bundle_discount: Decimal = Decimal(0),
) -> CartLine:
    unit = _priced(cart, product)
    line = CartLine(
        cart=cart,
        parent=parent,
        product=product,
        kind=kind,
        quantity=quantity,
        one_time_price=unit.one_time,
        monthly_price=unit.monthly,
        bundle_discount_percent=bundle_discount,
        discount_percent=discount_percent,
    )
    return record_create(actor=actor, instance=line)


def _add_options(actor: Actor, cart: Cart, line: CartLine, option_ids: Sequence[int]) -> None:
    """A line's options, at the bundle's discount of the line (ORD-8)."""
    for option in _options(actor, line.product, option_ids):
        _add(
            actor,
            cart,
            option,
            CartLineKind.OPTION,
            Decimal(1),
            parent=line,
            bundle_discount=line.bundle_discount_percent,
        )


def check_bundle(actor: Actor, cart: Cart, bundle_line: CartLine) -> None:
    """ORD-8: the bundle's configuration as the cart now holds it keeps
    every rule of the bundle, or the change is refused naming them."""
    lines = selectors.cart_lines(actor=actor, cart=cart)
    components = [line for line in lines if line.parent_id == bundle_line.pk]
    options: dict[int, list[int]] = {}
    for line in lines:
        if line.kind == CartLineKind.OPTION and line.parent_id is not None:
            options.setdefault(line.parent_id, []).append(line.product_id)
    catalog.require_configuration(
        actor=actor,
        bundle_id=bundle_line.product_id,
        lines=[
            ConfigLine(line.product_id, _whole(line.quantity), options.get(line.pk, ()))
            for line in components
        ],
    )


def _whole(quantity: Decimal) -> Decimal | int:
    """A whole quantity as an integer, so a refusal reads "6", not "6.00"."""
    return int(quantity) if quantity == quantity.to_integral_value() else quantity.normalize()


def _bundle_discount(actor: Actor, bundle: Product, product_id: int) -> Decimal:
    definition = bundles.bundle_definition(actor=actor, pk=bundle.pk)
    component = definition.component(product_id)
    if component is None:
        return Decimal(0)  # refused by the bundle's rules below
    return component.discount_percent


def _start(actor: Actor, currency: str | None, discount: Decimal) -> Cart:
    cart = cart_of(actor=actor)
    access.require(actor, "change", cart)
    if cart.price_list is None:
        raise ValidationFailed(
            _("Price list: no price list applies; your channel manager can set one up."),
            code=CartErrorCode.NO_PRICE_LIST,
        )
    rules.require_currency(cart.currency, currency)
    rules.require_discount(actor, discount)
    return cart


def line_add(
    *,
    actor: Actor,
    product_id: int,
    quantity: Decimal = Decimal(1),
    options: Sequence[int] = (),
    parent_line_id: int | None = None,
    components: Sequence[dict[str, Any]] | None = None,
    discount_percent: Decimal = Decimal(0),
    currency: str | None = None,
) -> CartLine:
    """Put a product in the cart (ORD-2), or a component in a bundle of the
    cart (`parent_line_id`). A bundle comes with `components` (product_id,
    quantity, options each) or, without them, with the least its rules
    take."""
    quantity = Decimal(quantity)
    with transaction.atomic():
        cart = _start(actor, currency, Decimal(discount_percent))
        product = _product(actor, product_id)
        rules.require_quantity(product, quantity)
        if parent_line_id is not None:
            parent = selectors.cart_line_get(actor=actor, cart=cart, pk=parent_line_id)
            if parent.product.type != ProductType.BUNDLE or parent.kind != CartLineKind.ITEM:
                raise rules.refused(
                    CartErrorCode.NOT_A_BUNDLE_LINE,
                    _("%(name)s is not a bundle; components go into a bundle's line.")
                    % {"name": parent.product.name},
                    "parent_line_id",
                )
            discount = _bundle_discount(actor, parent.product, product.pk)
            line = _add(
                actor,
                cart,
                product,
                CartLineKind.COMPONENT,
                quantity,
                parent,
                discount_percent,
                discount,
            )
            _add_options(actor, cart, line, options)
            check_bundle(actor, cart, parent)
            return line
        rules.require_orderable_alone(product)
        line = _add(actor, cart, product, CartLineKind.ITEM, quantity, None, discount_percent)
        _add_options(actor, cart, line, options)
        if product.type == ProductType.BUNDLE:
            _add_components(actor, cart, line, components)
            check_bundle(actor, cart, line)
        return line


def _add_components(
    actor: Actor, cart: Cart, bundle_line: CartLine, components: Sequence[dict[str, Any]] | None
) -> None:
    definition = bundles.bundle_definition(actor=actor, pk=bundle_line.product_id)
    if components is None:
        components = [
            {
                "product_id": c.product.id,
                "quantity": max(c.min_quantity, 1 if c.role == "primary" else 0),
            }
            for c in definition.components
        ]
    for spec in components:
        quantity = Decimal(spec.get("quantity", 1))
        if quantity == 0 and "options" not in spec:
            continue
        product = _product(actor, spec["product_id"])
        rules.require_quantity(product, quantity)
        component = definition.component(product.pk)
        discount = component.discount_percent if component else Decimal(0)
        line = _add(
            actor,
            cart,
            product,
            CartLineKind.COMPONENT,
            quantity,
            bundle_line,
            Decimal(0),
            discount,
        )
        _add_options(actor, cart, line, spec.get("options", ()))


def _bundle_of(actor: Actor, cart: Cart, line: CartLine) -> CartLine | None:
    if line.kind == CartLineKind.COMPONENT:
        return selectors.cart_line_get(actor=actor, cart=cart, pk=line.parent_id)
    if line.kind == CartLineKind.OPTION and line.parent_id is not None:
        parent = selectors.cart_line_get(actor=actor, cart=cart, pk=line.parent_id)
        return _bundle_of(actor, cart, parent)
    return None


def line_update(
    *,
    actor: Actor,
    line_id: int,
    quantity: Decimal | None = None,
    options: Sequence[int] | None = None,
    discount_percent: Decimal | None = None,
) -> CartLine:
    """Change a line's quantity, options or (a power user) its discount."""
    with transaction.atomic():
        cart = _start(actor, None, Decimal(discount_percent or 0))
        line = selectors.cart_line_get(actor=actor, cart=cart, pk=line_id)
        changes: dict[str, Any] = {}
        if quantity is not None:
            rules.require_quantity(line.product, Decimal(quantity))
            changes["quantity"] = Decimal(quantity)
        if discount_percent is not None:
            changes["discount_percent"] = Decimal(discount_percent)
        if changes:
            line = record_update(actor=actor, instance=line, changes=changes, expected_version=None)
        if options is not None:
            for child in line.children.filter(kind=CartLineKind.OPTION):
                record_delete(actor=actor, instance=child)
            _add_options(actor, cart, line, options)
        bundle = line if line.product.type == ProductType.BUNDLE else _bundle_of(actor, cart, line)
        if bundle is not None:
            check_bundle(actor, cart, bundle)
        _touch(actor, cart)
        return line


def line_remove(*, actor: Actor, line_id: int) -> None:
    """Take a line (with its components and options) out of the cart; a
    bundle's component only while the bundle still keeps its rules."""
    with transaction.atomic():
        cart = _start(actor, None, Decimal(0))
        line = selectors.cart_line_get(actor=actor, cart=cart, pk=line_id)
        bundle = _bundle_of(actor, cart, line)
        record_delete(actor=actor, instance=line)
        if bundle is not None:
            check_bundle(actor, cart, bundle)
        _touch(actor, cart)


def _touch(actor: Actor, cart: Cart) -> None:
    """A change of the lines is a change of the cart (its version)."""
    record_update(actor=actor, instance=cart, changes={}, expected_version=cart.version)
