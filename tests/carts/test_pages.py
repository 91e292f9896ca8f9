"""The portal pages of the cart and quotes (ORD-2, ORD-6, ORD-8)."""

from collections.abc import Callable
from typing import Any

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from openprm.carts import checkout, lines
from openprm.carts.models import CartLine, Quote
from openprm.identity.models import User
from tests.factories import as_actor


def test_ord_2_add_to_cart_from_the_portal_catalog_and_change_the_quantity_in_place(
    client_for: Callable[[User], Client], co_rep: User, telemedia: dict[str, Any]
) -> None:
    client = client_for(co_rep)
    catalog = client.get(reverse("portal:catalog"))
    assert 'data-testid="add-to-cart-PHONE-X"' in catalog.content.decode()
    added = client.post(
        reverse("portal:cart_line_add"),
        {"product_id": telemedia["PHONE-X"].pk, "quantity": "2", "from": "catalog"},
        follow=True,
    )
    assert "TeleMedia X phone is in your cart." in added.content.decode()
    page = client.get(reverse("portal:cart")).content.decode()
    assert "Own organization (stock)" in page
    assert "€998" in page
    line = CartLine.objects.get()
    partial = client.post(
        reverse("portal:cart_line_update", args=[line.pk]),
        {"quantity": "1.5"},
        HTTP_HX_REQUEST="true",
    )
    text = partial.content.decode()
    assert partial.status_code == 200
    assert 'id="cart-body"' in text
    assert "<html" not in text
    assert "Whole quantity: TeleMedia X phone is a device" in text
    fine = client.post(
        reverse("portal:cart_line_update", args=[line.pk]),
        {"quantity": "3"},
        HTTP_HX_REQUEST="true",
    )
    assert "€1,497" in fine.content.decode()
    client.post(reverse("portal:cart_line_remove", args=[line.pk]), HTTP_HX_REQUEST="true")
    assert not CartLine.objects.exists()


def test_ord_6_save_a_quote_then_see_it_in_the_list_and_on_its_page(
    client_for: Callable[[User], Client], co_rep: User, telemedia: dict[str, Any]
) -> None:
    client = client_for(co_rep)
    client.post(reverse("portal:cart_line_add"), {"product_id": telemedia["FAMILY"].pk})
    saved = client.post(reverse("portal:cart_quote"), follow=True)
    quote = Quote.objects.get()
    assert saved.redirect_chain[-1][0] == quote.get_absolute_url()
    page = saved.content.decode()
    assert quote.number in page
    assert "Family plan 1500" in page
    assert "€110" in page
    listed = client.get(reverse("portal:quote_list")).content.decode()
    assert f'data-testid="{quote.number}"' in listed


def test_ord_6_the_cart_page_reads_a_constant_number_of_queries_whatever_its_lines(
    client_for: Callable[[User], Client], co_rep: User, telemedia: dict[str, Any]
) -> None:
    """A plan with one line or five lines with their data packs: same queries."""
    actor = as_actor(co_rep)
    client = client_for(co_rep)
    bundle = lines.line_add(actor=actor, product_id=telemedia["FAMILY"].pk)
    client.get(reverse("portal:cart"))
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("portal:cart"))
    for _ in range(4):
        lines.line_add(
            actor=actor,
            product_id=telemedia["LINE"].pk,
            parent_line_id=bundle.pk,
            options=[telemedia["DATA-5"].pk],
        )
    with CaptureQueriesContext(connection) as many:
        page = client.get(reverse("portal:cart"))
    assert page.content.decode().count('data-testid="line-DATA-5"') == 4
    assert len(many) == len(few)


def test_ord_6_a_quote_put_back_replaces_a_cart_only_when_asked(
    client_for: Callable[[User], Client], co_rep: User, telemedia: dict[str, Any]
) -> None:
    actor = as_actor(co_rep)
    client = client_for(co_rep)
    lines.line_add(actor=actor, product_id=telemedia["FAMILY"].pk)
    quote = checkout.cart_save_quote(actor=actor)
    lines.line_add(actor=actor, product_id=telemedia["PHONE-X"].pk)
    page = client.get(quote.get_absolute_url()).content.decode()
    assert "Replace the cart with this quote" in page
    kept = client.post(reverse("portal:quote_to_cart", args=[quote.pk]), follow=True)
    assert "Your cart holds 1 line(s); replace them" in kept.content.decode()
    assert CartLine.objects.filter(product__code="PHONE-X").exists()
    client.post(reverse("portal:quote_to_cart", args=[quote.pk]), {"replace": "on"})
    assert not CartLine.objects.filter(product__code="PHONE-X").exists()
    assert CartLine.objects.filter(product__code="FAMILY").count() == 1
