"""The cart (ORD-6): the caller's one cart, and whom it shops for. Its
lines are `lines`'."""

from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openprm.carts import prices, rules, selectors
from openprm.carts.errors import CartErrorCode
from openprm.carts.models import Cart, CartLine
from openprm.catalog import pricing
from openprm.catalog.models import PriceList
from openprm.contacts.models import Person
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import NotFound, ValidationFailed
from openprm.core.records import record_create, record_update
from openprm.customers.models import Account
from openprm.deals.models import Opportunity


def _own_price_list(actor: Actor) -> PriceList | None:
    return pricing.price_list_for(actor)


def cart_of(*, actor: Actor) -> Cart:
    """The caller's one cart, made on first use, shopping for its own
    organization at its own prices (ORD-6)."""
    found = selectors.cart_find(actor=actor)
    if found is not None:
        return found
    if not actor.is_active:
        raise NotFound()
    price_list = _own_price_list(actor)
    cart = Cart(
        owner_id=actor.pk,
        price_list=price_list,
        currency=price_list.currency if price_list else "",
    )
    return record_create(actor=actor, instance=cart)


def _relation_refusal(code: CartErrorCode, field: str, message: str) -> ValidationFailed:
    return ValidationFailed(message, code=code, field_errors={field: [message]})


def _for_customer(
    actor: Actor, customer_id: int, contact_id: int | None, opportunity_id: int | None
) -> dict[str, Any]:
    account = access.get_visible(Account, actor, customer_id)
    contact = None
    if contact_id is not None:
        contact = access.get_visible(Person, actor, contact_id)
        if not contact.relationships.filter(account=account).exists():
            raise _relation_refusal(
                CartErrorCode.CONTACT_NOT_OF_CUSTOMER,
                "contact_id",
                _("Contact of the customer: %(person)s is not a contact of %(account)s.")
                % {"person": contact, "account": account.name},
            )
    opportunity = None
    if opportunity_id is not None:
        opportunity = access.get_visible(Opportunity, actor, opportunity_id)
        if opportunity.account_id != account.pk:
            raise _relation_refusal(
                CartErrorCode.OPPORTUNITY_NOT_OF_CUSTOMER,
                "opportunity_id",
                _("Opportunity of the customer: %(name)s is not an opportunity of %(account)s.")
                % {"name": opportunity.name, "account": account.name},
            )
    price_list = pricing.price_list_for(actor, for_customer=account.pk)
    return {
        "customer": account,
        "contact": contact,
        "opportunity": opportunity,
        "price_list": price_list,
    }


def cart_shop_for(
    *,
    actor: Actor,
    customer_id: int | None = None,
    contact_id: int | None = None,
    opportunity_id: int | None = None,
) -> Cart:
    """ORD-6: shop for the own organization (no customer) or for a customer
    account the caller sees, with a contact of it, its price list and
    optionally its opportunity. The lines already in the cart take the new
    price list's prices, which must hold every one of them in the cart's
    currency."""
    with transaction.atomic():
        cart = cart_of(actor=actor)
        access.require(actor, "change", cart)
        if customer_id is None:
            values: dict[str, Any] = {
                "customer": None,
                "contact": None,
                "opportunity": None,
                "price_list": _own_price_list(actor),
            }
        else:
            values = _for_customer(actor, customer_id, contact_id, opportunity_id)
        price_list = values["price_list"]
        if price_list is None:
            raise ValidationFailed(
                _("Price list: no price list applies; your channel manager can set one up."),
                code=CartErrorCode.NO_PRICE_LIST,
            )
        lines = selectors.cart_lines(actor=actor, cart=cart)
        if lines:
            rules.require_currency(cart.currency, price_list.currency)
            _reprice(lines, price_list)
        changes = {f"{name}_id": (v.pk if v is not None else None) for name, v in values.items()}
        changes["currency"] = price_list.currency
        return record_update(
            actor=actor, instance=cart, changes=changes, expected_version=cart.version
        )


def _reprice(lines: Sequence[CartLine], price_list: PriceList) -> None:
    """Lines moved to another price list take its prices; one missing there
    refuses the move."""
    current = prices.current_units(lines, price_list)
    for line in lines:
        unit = current[line.pk]
        if unit is None:
            raise rules.not_on_price_list(line.product, price_list.name)
        line.one_time_price, line.monthly_price = unit.one_time, unit.monthly
        line.bundle_discount_percent = unit.bundle_discount
    CartLine.objects.bulk_update(
        lines, ["one_time_price", "monthly_price", "bundle_discount_percent"]
    )
