"""What the cart's pages and API answers are built from: the caller's cart
or a quote summarized, and the order a checkout placed."""

from typing import Any

from openprm.carts import selectors, services
from openprm.carts.models import Quote
from openprm.carts.summary import Summary, summarize
from openprm.core.actor import Actor
from openprm.orders import commerce
from openprm.orders.models import Order


def cart_summary(*, actor: Actor) -> Summary:
    cart = services.cart_of(actor=actor)
    lines = selectors.cart_lines(actor=actor, cart=cart)
    return summarize(cart, lines, allowed=commerce.allowed_discount(actor))


def quote_summary(*, actor: Actor, quote: Quote) -> Summary:
    return summarize(quote, selectors.quote_lines(actor=actor, quote=quote))


def order_answer(order: Order) -> dict[str, Any]:
    """The order a checkout placed: its id and number (its pages are the
    orders app's)."""
    return {"order_id": order.pk, "number": order.number}
