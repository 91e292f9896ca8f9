"""What the cart's pages and API answers are built from: the caller's cart
or a quote summarized, and the order a checkout placed."""

from typing import Any

from openprm.carts import rules, selectors, services
from openprm.carts.models import Quote
from openprm.carts.summary import Summary, summarize
from openprm.core.actor import Actor


def cart_summary(*, actor: Actor) -> Summary:
    cart = services.cart_of(actor=actor)
    lines = selectors.cart_lines(actor=actor, cart=cart)
    return summarize(cart, lines, power_user=rules.is_power_user(actor))


def quote_summary(*, actor: Actor, quote: Quote) -> Summary:
    return summarize(quote, selectors.quote_lines(actor=actor, quote=quote))


def order_answer(order: Any) -> dict[str, Any]:
    url = order.get_absolute_url() if hasattr(order, "get_absolute_url") else None
    return {"order_id": order.pk, "url": url}
