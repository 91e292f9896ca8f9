"""Checkout and quotes into orders (ORD-6): prices are checked again at
checkout, a changed price is shown and must be confirmed, never applied
silently; the order is placed through the orders app."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from openprm.carts import checkout, lines, pages, services
from openprm.carts.models import CartLine, Quote
from openprm.catalog import services as catalog
from openprm.core.errors import Conflict
from openprm.identity.models import User
from openprm.orders.models import Order, OrderLine
from tests.factories import as_actor

A = "/api/v1/portal"


def _raise_price(sales_admin: User, telemedia: dict[str, Any], code: str, price: str) -> None:
    catalog.item_set(
        actor=as_actor(sales_admin),
        price_list=telemedia["list"],
        product_id=telemedia[code].pk,
        one_time_price=Decimal(price),
    )


def test_ord_6_checkout_places_the_order_for_the_own_organization_and_empties_the_cart(
    co_rep: User, telemedia: dict[str, Any]
) -> None:
    actor = as_actor(co_rep)
    bundle = lines.line_add(actor=actor, product_id=telemedia["FAMILY"].pk)
    lines.line_add(
        actor=actor,
        product_id=telemedia["LINE"].pk,
        parent_line_id=bundle.pk,
        options=[telemedia["DATA-5"].pk],
        quantity=Decimal(3),
    )
    lines.line_add(actor=actor, product_id=telemedia["PHONE-X"].pk, quantity=Decimal(2))
    shown = pages.cart_summary(actor=actor)
    order = checkout.cart_checkout(actor=actor)
    # The order costs what the cart showed, the data pack at its line's 20 % included.
    assert (order.one_time_total, order.monthly_total) == (
        shown.one_time_total,
        shown.monthly_total,
    )
    assert order.partner_id == actor.partner_id  # stock for its own organization
    products = sorted(OrderLine.objects.filter(order=order).values_list("product__code", flat=True))
    assert products == ["DATA-5", "FAMILY", "LINE", "LINE", "PHONE-X", "PLAN-1500"]
    assert not CartLine.objects.filter(cart__owner=co_rep).exists()


def test_ord_6_a_changed_price_is_shown_and_applied_only_once_confirmed(
    co_rep: User, sales_admin: User, telemedia: dict[str, Any]
) -> None:
    actor = as_actor(co_rep)
    lines.line_add(actor=actor, product_id=telemedia["PHONE-X"].pk)
    _raise_price(sales_admin, telemedia, "PHONE-X", "549.00")
    with pytest.raises(Conflict) as changed:
        checkout.cart_checkout(actor=actor)
    assert changed.value.code == "prices_changed"
    [change] = changed.value.extra["changes"]
    assert (change["was_one_time"], change["one_time"]) == (Decimal("499.00"), Decimal("549.00"))
    assert not Order.objects.exists()
    assert CartLine.objects.get().one_time_price == Decimal("499.00")  # not applied silently
    with pytest.raises(Conflict):
        checkout.cart_checkout(actor=actor, confirm_prices="not-the-token")
    order = checkout.cart_checkout(actor=actor, confirm_prices=changed.value.extra["price_token"])
    assert OrderLine.objects.get(order=order).one_time_price == Decimal("549.00")


def test_ord_6_api_checkout_answers_409_with_the_changes_then_the_order(
    api_client_for: Callable[[User], Client],
    co_rep: User,
    sales_admin: User,
    telemedia: dict[str, Any],
) -> None:
    client = api_client_for(co_rep)
    client.post(
        f"{A}/cart/lines", {"product_id": telemedia["PHONE-X"].pk}, content_type="application/json"
    )
    _raise_price(sales_admin, telemedia, "PHONE-X", "529.00")
    answer = client.post(f"{A}/cart/checkout", {}, content_type="application/json")
    assert answer.status_code == 409
    problem = answer.json()
    assert problem["code"] == "prices_changed"
    assert problem["changes"][0]["one_time"] == "529.00"
    placed = client.post(
        f"{A}/cart/checkout",
        {"confirm_prices": problem["price_token"]},
        content_type="application/json",
    )
    assert placed.status_code == 201
    order = Order.objects.get(pk=placed.json()["order_id"])
    assert placed.json()["number"] == order.number


def test_ord_6_a_quote_becomes_an_order_later_once_only(
    api_client_for: Callable[[User], Client], co_rep: User, telemedia: dict[str, Any]
) -> None:
    client = api_client_for(co_rep)
    client.post(
        f"{A}/cart/lines",
        {"product_id": telemedia["PHONE-X"].pk, "quantity": "2"},
        content_type="application/json",
    )
    quote = client.post(f"{A}/cart/quote", {}, content_type="application/json").json()
    placed = client.post(f"{A}/quotes/{quote['id']}/order", {}, content_type="application/json")
    assert placed.status_code == 201
    stored = Quote.objects.get(pk=quote["id"])
    assert stored.status == "ordered"
    assert stored.order_id == placed.json()["order_id"]
    again = client.post(f"{A}/quotes/{quote['id']}/order", {}, content_type="application/json")
    assert again.status_code == 409
    assert again.json()["code"] == "quote_ordered"


def test_ord_6_portal_checkout_shows_the_changed_price_and_its_confirmation(
    client_for: Callable[[User], Client],
    co_rep: User,
    sales_admin: User,
    telemedia: dict[str, Any],
) -> None:
    client = client_for(co_rep)
    client.post(reverse("portal:cart_line_add"), {"product_id": telemedia["PHONE-X"].pk})
    assert "Place the order" in client.get(reverse("portal:cart_checkout")).content.decode()
    _raise_price(sales_admin, telemedia, "PHONE-X", "549.00")
    shown = client.post(reverse("portal:cart_checkout"))
    page = shown.content.decode()
    assert shown.status_code == 409
    assert "Some prices changed" in page
    assert "€499" in page
    assert "€549" in page
    assert not Order.objects.exists()
    token = shown.context["token"]
    done = client.post(reverse("portal:cart_checkout"), {"confirm_prices": token}, follow=True)
    order = Order.objects.get()
    assert f"Order {order.number} is placed." in done.content.decode()


def test_ord_6_an_expired_quote_is_not_ordered_but_can_go_back_into_the_cart(
    co_rep: User, telemedia: dict[str, Any]
) -> None:
    actor = as_actor(co_rep)
    lines.line_add(actor=actor, product_id=telemedia["PHONE-X"].pk)
    quote = checkout.cart_save_quote(actor=actor)
    Quote.objects.filter(pk=quote.pk).update(valid_until="2020-01-31")
    with pytest.raises(Conflict) as refused:
        checkout.quote_order(actor=actor, quote_id=quote.pk)
    assert refused.value.code == "quote_expired"
    assert refused.value.message.startswith(f"Quote validity: {quote.number} expired on")
    assert not Order.objects.exists()
    checkout.quote_to_cart(actor=actor, quote_id=quote.pk)
    assert CartLine.objects.filter(cart__owner=co_rep).count() == 1


def test_ord_6_checkout_prices_at_the_price_list_that_applies_now(
    co_rep: User, sales_admin: User, telemedia: dict[str, Any]
) -> None:
    """A newer list price list took over since the phone was put in the
    cart: checkout shows its price, and orders at it once confirmed."""
    actor = as_actor(co_rep)
    lines.line_add(actor=actor, product_id=telemedia["PHONE-X"].pk)
    admin = as_actor(sales_admin)
    newer = catalog.price_list_create(
        actor=admin,
        data={"name": "New list", "currency": "EUR", "audience": "list",
              "active_from": timezone.localdate()},
    )  # fmt: skip
    catalog.item_set(
        actor=admin, price_list=newer, product_id=telemedia["PHONE-X"].pk, one_time_price="459"
    )
    with pytest.raises(Conflict) as changed:
        checkout.cart_checkout(actor=actor)
    assert changed.value.extra["changes"][0]["one_time"] == Decimal("459.00")
    order = checkout.cart_checkout(actor=actor, confirm_prices=changed.value.extra["price_token"])
    assert order.price_list_id == newer.pk
    assert order.one_time_total == Decimal("459.00")
    assert services.cart_of(actor=actor).price_list_id == newer.pk
