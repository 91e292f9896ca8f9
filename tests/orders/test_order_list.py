"""The orders list pages (ORD-3): the Customer and Partner filters pick
names, never ids, and offer only what the reader may see; in the portal a
partner user, who only ever sees its own orders, gets no Partner column or
filter; amounts read as money."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from openprm.catalog.models import PriceList
from openprm.core.actor import Actor
from openprm.customers.models import Account
from openprm.identity.models import User
from openprm.orders.lines import LineSpec
from openprm.orders.models import Order
from openprm.orders.services import place_order

pytestmark = pytest.mark.django_db


@pytest.fixture
def orders(
    stock_order: Callable[..., Order], manager: Actor, co_rep: Actor, customer: Account,
    telemedia: dict[str, Any], gold_prices: PriceList,
) -> dict[str, Order]:  # fmt: skip
    """Northwind's stock, Contoso's stock and the brand owner's own order for Acme."""

    def place(actor: Actor, customer_id: int | None) -> Order:
        return place_order(
            actor=actor, customer_id=customer_id, contact_id=None,
            price_list_id=telemedia["list"].pk, opportunity_id=None,
            lines=[LineSpec(product_id=telemedia["PHONE-X"].pk, quantity=2)],
        )  # fmt: skip

    return {
        "nw": stock_order([LineSpec(product_id=telemedia["PHONE-X"].pk)]),
        "co": place(co_rep, None),
        "acme": place(manager, customer.pk),
    }


def options(html: str, name: str) -> list[str]:
    """The names a filter's drop-down offers ("All" left out); [] when there is no such filter."""
    found = re.search(rf'<select[^>]*name="{name}"[^>]*>(.*?)</select>', html, re.S)
    if found is None:
        return []
    return re.findall(r'<option value="\d+"[^>]*>([^<]*)</option>', found.group(1))


def test_ord_3_the_order_manager_filters_orders_by_customer_and_partner_names(
    client_for: Callable[[User], Client], sales_admin: User, orders: dict[str, Order],
    two_partners: dict[str, Any],
) -> None:  # fmt: skip
    client = client_for(sales_admin)
    html = client.get(reverse("orders:order_list")).content.decode()
    assert options(html, "customer") == [
        "Acme Corporation", "Contoso", "Northwind",
    ]  # fmt: skip
    assert options(html, "partner") == ["Contoso", "Northwind"]
    assert '<th scope="col">Partner</th>' in html
    by_customer = client.get(
        reverse("orders:order_list"), {"customer": two_partners["co"].account_id}
    ).content.decode()
    assert orders["co"].number in by_customer
    assert orders["nw"].number not in by_customer
    by_partner = client.get(
        reverse("orders:order_list"), {"partner": two_partners["nw"].pk}
    ).content.decode()
    assert orders["nw"].number in by_partner
    assert orders["acme"].number not in by_partner


def test_ord_3_a_partner_user_filters_its_own_orders_without_a_partner_column(
    client_for: Callable[[User], Client], orders: dict[str, Order], two_partners: dict[str, Any],
) -> None:  # fmt: skip
    html = client_for(two_partners["nw_rep"].user).get(reverse("portal:order_list")).content
    page = html.decode()
    assert options(page, "customer") == ["Northwind"]
    assert 'name="partner"' not in page
    assert '<th scope="col">Partner</th>' not in page
    assert orders["nw"].number in page
    assert orders["co"].number not in page


def test_ord_3_order_amounts_read_as_money(
    client_for: Callable[[User], Client], orders: dict[str, Order], two_partners: dict[str, Any],
) -> None:  # fmt: skip
    """Northwind's one X5 phone at the Gold price: €399, never "399.00"."""
    page = client_for(two_partners["nw_rep"].user).get(reverse("portal:order_list"))
    html = page.content.decode()
    assert "€399<" in html
    assert "399.00" not in html
