"""Reading carts and quotes, always through the access scope: a cart or
quote is its owner's alone (ORD-6)."""

from typing import Any

from django.db.models import QuerySet

from openprm.carts.models import Cart, CartLine, Quote, QuoteLine
from openprm.contacts.models import Person
from openprm.core import access
from openprm.core.actor import Actor
from openprm.customers.models import Account
from openprm.deals.models import Opportunity
from openprm.partners.policies.membership import membership


def cart_find(*, actor: Actor) -> Cart | None:
    return (
        access.visible(Cart, actor)
        .select_related("customer", "contact", "price_list", "opportunity")
        .first()
    )


def cart_lines(*, actor: Actor, cart: Cart) -> list[CartLine]:
    return list(access.visible(CartLine, actor).filter(cart=cart).select_related("product"))


def cart_line_count(*, actor: Actor) -> int:
    """How many lines the caller's cart holds (a quote put back replaces them)."""
    return access.visible(CartLine, actor).filter(parent__isnull=True).count()


def cart_line_get(*, actor: Actor, cart: Cart, pk: Any) -> CartLine:
    return access.get_visible(
        CartLine, actor, pk, access.visible(CartLine, actor).filter(cart=cart)
    )


def quote_list(*, actor: Actor) -> QuerySet[Quote]:
    return access.visible(Quote, actor).select_related("customer", "price_list")


def quote_get(*, actor: Actor, pk: Any) -> Quote:
    return access.get_visible(Quote, actor, pk, quote_list(actor=actor))


def quote_lines(*, actor: Actor, quote: Quote) -> list[QuoteLine]:
    return list(access.visible(QuoteLine, actor).filter(quote=quote).select_related("product"))


def customer_choices(*, actor: Actor) -> QuerySet[Account]:
    """ORD-6: the customer accounts the caller may see, its own
    organization's account left out (that is shopping for stock)."""
    rows = access.visible(Account, actor).order_by("name", "pk")
    own = membership(actor)
    return rows.exclude(pk=own.partner.account_id) if own is not None else rows


def contact_choices(*, actor: Actor, account_id: int) -> QuerySet[Person]:
    """The contacts of `account_id` the caller may see."""
    return (
        access.visible(Person, actor)
        .filter(relationships__account_id=account_id)
        .distinct()
        .order_by("last_name_search", "pk")
    )


def opportunity_choices(*, actor: Actor, account_id: int) -> QuerySet[Opportunity]:
    """The open opportunities on `account_id` the caller may see."""
    return access.visible(Opportunity, actor).filter(account_id=account_id, is_open=True)
