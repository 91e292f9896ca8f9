"""From a cart to a quote and to an order (ORD-6), and from a quote back.

Saving a quote, checking out and ordering a quote each compare the prices
the lines hold with the price list today. A changed price refuses the step
with the old and new prices and a `price_token`; the step goes on only when
sent back with that token, which names exactly those new prices: a changed
price is shown and confirmed, never applied silently.
"""

from collections.abc import Sequence
from datetime import timedelta
from typing import Any
from uuid import uuid4

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.carts import ordering, prices, rules, selectors
from openprm.carts.catalog import QUOTE_VALID_DAYS
from openprm.carts.errors import CartErrorCode
from openprm.carts.lines import check_bundle
from openprm.carts.models import (
    Cart,
    CartLine,
    CartLineKind,
    Line,
    Quote,
    QuoteLine,
    QuoteStatus,
    Shopping,
)
from openprm.carts.services import cart_of
from openprm.catalog import pricing
from openprm.catalog.models import PriceList
from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.options.selectors import profile_option_value
from openprm.core.records import record_create, record_delete, record_update
from openprm.orders.models import Order

SHOPPING = ("customer_id", "contact_id", "price_list_id", "opportunity_id", "currency")
"""Whom a cart or quote is for, copied between them."""


class PricesChanged(Conflict):
    """Prices changed since the lines were priced; `extra` lists them."""

    code = CartErrorCode.PRICES_CHANGED


def change_rows(changes: Sequence[prices.PriceChange]) -> list[dict[str, Any]]:
    return [
        {
            "line_id": c.line_id,
            "product": c.product,
            "was_one_time": c.was.one_time,
            "was_monthly": c.was.monthly,
            "was_bundle_discount": c.was.bundle_discount,
            "one_time": c.now.one_time,
            "monthly": c.now.monthly,
            "bundle_discount": c.now.bundle_discount,
        }
        for c in changes
    ]


def _recheck(lines: Sequence[Line], price_list: PriceList, confirm: str | None) -> None:
    """Every line still sellable and on the price list; changed prices only
    with the user's confirmation of exactly them, then applied."""
    day = timezone.localdate()
    for line in lines:
        if not line.product.sellable_on(day):
            raise rules.not_active(line.product.name)
    current = prices.current_units(lines, price_list)
    for line in lines:
        if current[line.pk] is None:
            raise rules.not_on_price_list(line.product, price_list.name)
    changes = prices.price_changes(lines, current)
    if not changes:
        return
    token = prices.token(changes)
    if confirm != token:
        raise PricesChanged(
            _(
                "Prices changed: %(count)d line(s) now cost differently. Review the new "
                "prices and confirm them to go on."
            )
            % {"count": len(changes)},
            extra={
                "changes": change_rows(changes),
                "price_token": token,
                "currency": price_list.currency,
            },
        )
    by_id = {line.pk: line for line in lines}
    for change in changes:
        line = by_id[change.line_id]
        line.one_time_price, line.monthly_price = change.now.one_time, change.now.monthly
        line.bundle_discount_percent = change.now.bundle_discount
    type(lines[0]).objects.bulk_update(
        lines, ["one_time_price", "monthly_price", "bundle_discount_percent"]
    )


def _applying(actor: Actor, shopping: Shopping) -> PriceList:
    """The price list that applies today to the caller for whom it shops:
    the one a cart or quote is checked against and ordered at (a partner's
    tier may have changed since the lines were priced)."""
    price_list = pricing.price_list_for(actor, for_customer=shopping.customer_id)
    if price_list is None:
        raise ValidationFailed(
            _("Price list: no price list applies; your channel manager can set one up."),
            code=CartErrorCode.NO_PRICE_LIST,
        )
    rules.require_currency(shopping.currency, price_list.currency)
    return price_list


def _nonempty_cart(actor: Actor) -> tuple[Cart, list[CartLine]]:
    cart = cart_of(actor=actor)
    access.require(actor, "change", cart)
    lines = selectors.cart_lines(actor=actor, cart=cart)
    if not lines:
        raise ValidationFailed(_("The cart is empty."), code=CartErrorCode.CART_EMPTY)
    return cart, lines


def _copy_lines(lines: Sequence[Line], make: Any) -> None:
    """Copy a tree of lines, parents before children."""
    made: dict[int, Line] = {}
    for line, _depth in prices.tree(lines):
        copy = make(
            parent=made.get(line.parent_id) if line.parent_id else None,
            product=line.product,
            kind=line.kind,
            quantity=line.quantity,
            one_time_price=line.one_time_price,
            monthly_price=line.monthly_price,
            bundle_discount_percent=line.bundle_discount_percent,
            discount_percent=line.discount_percent,
        )
        copy.save()
        made[line.pk] = copy


def _empty(actor: Actor, cart: Cart, lines: Sequence[CartLine], price_list: PriceList) -> None:
    """The cart emptied, at the price list that applies now."""
    for line in lines:
        if line.parent_id is None:
            record_delete(actor=actor, instance=line)
    record_update(
        actor=actor,
        instance=cart,
        changes={"price_list_id": price_list.pk},
        expected_version=cart.version,
    )


def cart_save_quote(*, actor: Actor, confirm_prices: str | None = None) -> Quote:
    """ORD-6: the cart becomes a numbered quote, valid for the configured
    days, at the prices it holds (frozen as quoted); the cart is emptied."""
    with transaction.atomic():
        cart, lines = _nonempty_cart(actor)
        price_list = _applying(actor, cart)
        _recheck(lines, price_list, confirm_prices)
        totals = prices.totals(lines)
        days = int(profile_option_value(QUOTE_VALID_DAYS))
        quote = record_create(
            actor=actor,
            instance=Quote(
                number=f"pending-{uuid4().hex[:12]}",
                owner_id=actor.pk,
                valid_until=timezone.localdate() + timedelta(days=days),
                one_time_total=totals.one_time,
                monthly_total=totals.monthly,
                **{name: getattr(cart, name) for name in SHOPPING},
                price_list=price_list,
            ),
        )
        quote.number = f"Q-{quote.created_at:%Y}-{quote.pk:05d}"
        Quote.objects.filter(pk=quote.pk).update(number=quote.number)
        _copy_lines(lines, lambda **values: QuoteLine(quote=quote, **values))
        _empty(actor, cart, lines, price_list)
        return quote


def quote_to_cart(*, actor: Actor, quote_id: int, replace: bool = False) -> Cart:
    """ORD-6: a quote's lines back in the cart, at the quoted prices (which
    checkout re-checks); a cart holding lines is replaced only when asked."""
    with transaction.atomic():
        quote = selectors.quote_get(actor=actor, pk=quote_id)
        access.require(actor, "order", quote)
        cart = cart_of(actor=actor)
        access.require(actor, "change", cart)
        current = selectors.cart_lines(actor=actor, cart=cart)
        if current and not replace:
            raise Conflict(
                _("Your cart holds %(count)d line(s); replace them with the quote's lines?")
                % {"count": len(current)},
                code=CartErrorCode.CART_NOT_EMPTY,
            )
        for line in current:
            if line.parent_id is None:
                record_delete(actor=actor, instance=line)
        lines = selectors.quote_lines(actor=actor, quote=quote)
        _copy_lines(lines, lambda **values: CartLine(cart=cart, **values))
        return record_update(
            actor=actor,
            instance=cart,
            changes={name: getattr(quote, name) for name in SHOPPING},
            expected_version=cart.version,
        )


def _bundles_keep_rules(actor: Actor, cart: Cart, lines: Sequence[CartLine]) -> None:
    for line in lines:
        if line.kind == CartLineKind.ITEM and line.product.type == "bundle":
            check_bundle(actor, cart, line)


def cart_checkout(*, actor: Actor, confirm_prices: str | None = None) -> Order:
    """ORD-6: the cart becomes an order through the orders app, its prices
    re-checked first; the cart is emptied."""
    with transaction.atomic():
        cart, lines = _nonempty_cart(actor)
        price_list = _applying(actor, cart)
        _bundles_keep_rules(actor, cart, lines)
        _recheck(lines, price_list, confirm_prices)
        order = ordering.place(actor=actor, shopping=cart, price_list=price_list, lines=lines)
        _empty(actor, cart, lines, price_list)
        return order


def quote_order(*, actor: Actor, quote_id: int, confirm_prices: str | None = None) -> Order:
    """ORD-6: an open quote within its validity becomes an order, its prices
    re-checked against the price list."""
    with transaction.atomic():
        quote = selectors.quote_get(actor=actor, pk=quote_id)
        access.require(actor, "order", quote)
        if quote.status == QuoteStatus.ORDERED:
            raise Conflict(
                _("Quote status: %(number)s is already ordered.") % {"number": quote.number},
                code=CartErrorCode.QUOTE_ORDERED,
            )
        if quote.valid_until < timezone.localdate():
            raise Conflict(
                _(
                    "Quote validity: %(number)s expired on %(day)s; put it back in the cart "
                    "to order at today's prices."
                )
                % {"number": quote.number, "day": quote.valid_until},
                code=CartErrorCode.QUOTE_EXPIRED,
            )
        lines = selectors.quote_lines(actor=actor, quote=quote)
        price_list = _applying(actor, quote)
        _recheck(lines, price_list, confirm_prices)
        order = ordering.place(actor=actor, shopping=quote, price_list=price_list, lines=lines)
        record_update(
            actor=actor,
            instance=quote,
            changes={"status": QuoteStatus.ORDERED, "order_id": order.pk},
            expected_version=quote.version,
        )
        return order
