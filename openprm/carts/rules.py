"""The refusals of a cart line (ORD-2, ORD-6, ORD-8), each naming its rule.

The bundle's own rules (cardinality, primary service, options of a
component) are the catalog's `bundle_rules`, asked through
`catalog.services.require_configuration`; what is here are the rules of a
line as such: an orderable, active product on the cart's price list, a
positive quantity (whole for a device), options that belong to it, the
cart's currency, and who may change a price.
"""

from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.carts.errors import CartErrorCode
from openprm.catalog.models import Product, ProductType
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused, ValidationFailed
from openprm.orders import commerce

RULES = {
    CartErrorCode.NOT_ON_PRICE_LIST: gettext_lazy("Price list"),
    CartErrorCode.NOT_ORDERABLE: gettext_lazy("Orderable product"),
    CartErrorCode.INACTIVE_PRODUCT: gettext_lazy("Active product"),
    CartErrorCode.QUANTITY_NOT_POSITIVE: gettext_lazy("Positive quantity"),
    CartErrorCode.QUANTITY_FRACTIONAL: gettext_lazy("Whole quantity"),
    CartErrorCode.OPTION_NOT_OF_PRODUCT: gettext_lazy("Option of the product"),
    CartErrorCode.CURRENCY_MISMATCH: gettext_lazy("Cart currency"),
    CartErrorCode.PRICE_CHANGE_NOT_ALLOWED: gettext_lazy("Prices from the price list"),
    CartErrorCode.DISCOUNT_BEYOND_ALLOWED: gettext_lazy("Allowed discount"),
    CartErrorCode.NOT_A_BUNDLE_LINE: gettext_lazy("Bundle component"),
}


def refused(code: CartErrorCode, detail: str, field: str | None = None) -> ValidationFailed:
    """A refusal whose message starts with the rule's name."""
    message = f"{RULES[code]}: {detail}"
    return ValidationFailed(message, code=code, field_errors={field: [message]} if field else None)


def require_quantity(product: Product, quantity: Decimal) -> None:
    if quantity <= 0:
        raise refused(
            CartErrorCode.QUANTITY_NOT_POSITIVE,
            _("%(name)s needs a quantity above 0, not %(quantity)s.")
            % {"name": product.name, "quantity": quantity},
            "quantity",
        )
    if product.type == ProductType.DEVICE and quantity != quantity.to_integral_value():
        raise refused(
            CartErrorCode.QUANTITY_FRACTIONAL,
            _("%(name)s is a device; its quantity is a whole number, not %(quantity)s.")
            % {"name": product.name, "quantity": quantity},
            "quantity",
        )


def require_orderable_alone(product: Product) -> None:
    if not product.is_orderable:
        raise refused(
            CartErrorCode.NOT_ORDERABLE,
            _("%(name)s is sold only as part of a bundle or as an option.")
            % {"name": product.name},
            "product_id",
        )


def not_active(product_id: int | str) -> ValidationFailed:
    return refused(
        CartErrorCode.INACTIVE_PRODUCT,
        _("product %(id)s is not an active product of the catalog and cannot be ordered.")
        % {"id": product_id},
        "product_id",
    )


def not_on_price_list(product: Product, price_list_name: str) -> ValidationFailed:
    return refused(
        CartErrorCode.NOT_ON_PRICE_LIST,
        _("%(name)s is not on your price list (%(list)s).")
        % {"name": product.name, "list": price_list_name},
        "product_id",
    )


def not_an_option(option_id: int, product: Product) -> ValidationFailed:
    return refused(
        CartErrorCode.OPTION_NOT_OF_PRODUCT,
        _("option %(option)s does not belong to %(name)s.")
        % {"option": option_id, "name": product.name},
        "options",
    )


def require_currency(cart_currency: str, given: str | None) -> None:
    if given and cart_currency and given.upper() != cart_currency:
        raise refused(
            CartErrorCode.CURRENCY_MISMATCH,
            _("this cart is in %(cart)s; a line in %(given)s cannot join it.")
            % {"cart": cart_currency, "given": given.upper()},
            "currency",
        )


def is_power_user(actor: Actor) -> bool:
    """ORD-2: a partner's power user (the orders app reads the type)."""
    return commerce.is_power_user(actor)


def require_discount(actor: Actor, discount: Decimal) -> None:
    """ORD-8: a standard user cannot change a price; a power user may give
    a manual discount up to the allowed percentage (the orders app's
    profile option, the one its orders keep)."""
    if discount == 0:
        return
    limit = commerce.allowed_discount(actor)
    if limit == 0:
        message = f"{RULES[CartErrorCode.PRICE_CHANGE_NOT_ALLOWED]}: " + _(
            "a standard user orders at the price list's prices and cannot change them."
        )
        raise PermissionRefused(
            message,
            code=CartErrorCode.PRICE_CHANGE_NOT_ALLOWED,
            field_errors={"discount_percent": [message]},
        )
    if discount < 0 or discount > limit:
        raise refused(
            CartErrorCode.DISCOUNT_BEYOND_ALLOWED,
            _("a manual discount is between 0 and %(limit)s %%, not %(discount)s %%.")
            % {"limit": limit, "discount": discount},
            "discount_percent",
        )
