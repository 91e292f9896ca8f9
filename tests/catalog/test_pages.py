"""The catalog pages (ORD-1, ORD-8): administration with field errors, and
the portal catalog at the partner's prices."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from openprm.catalog.models import PriceList
from openprm.identity.models import User

pytestmark = pytest.mark.django_db


def test_ord_8_the_bundle_page_shows_components_and_refuses_a_second_primary(
    client_for: Callable[[User], Client], sales_admin: User, telemedia: dict[str, Any]
) -> None:
    client = client_for(sales_admin)
    family = telemedia["FAMILY"]
    page = client.get(reverse("catalog:product_detail", args=[family.pk]))
    assert page.status_code == 200
    assert "Family line" in page.content.decode()
    answer = client.post(
        reverse("catalog:component_add", args=[family.pk]),
        {
            "product": telemedia["LINE"].pk,
            "role": "primary",
            "min_quantity": 1,
            "max_quantity": 1,
            "discount_percent": 0,
        },
    )
    assert answer.status_code == 200
    assert "The primary part is a service." not in answer.content.decode()
    assert "already" in answer.content.decode()


def test_ord_1_price_list_pages_show_field_errors(
    client_for: Callable[[User], Client], sales_admin: User, telemedia: dict[str, Any]
) -> None:
    client = client_for(sales_admin)
    assert client.get(reverse("catalog:price_list_list")).status_code == 200
    answer = client.post(
        reverse("catalog:price_list_create"), {"name": "Odd", "currency": "E1", "audience": "list"}
    )
    assert answer.status_code == 200
    assert "A currency is a 3-letter ISO code" in answer.content.decode()
    listed = telemedia["list"]
    page = client.get(reverse("catalog:price_list_detail", args=[listed.pk]))
    assert "TeleMedia X phone" in page.content.decode()
    saved = client.post(
        reverse("catalog:item_set", args=[listed.pk]),
        {"product": telemedia["ROAM"].pk, "one_time_price": "0", "monthly_price": "4.00"},
    )
    assert saved.status_code == 302


def test_ord_1_the_portal_catalog_shows_the_partners_prices_only(
    client_for: Callable[[User], Client],
    two_partners: dict[str, Any],
    gold_prices: PriceList,
    telemedia: dict[str, Any],
) -> None:
    page = client_for(two_partners["nw_rep"].user).get(reverse("portal:catalog"))
    assert page.status_code == 200
    html = page.content.decode()
    assert "€399<" in html  # the money cell: amount and currency, never "399.00"
    assert "PHONE-OLD" not in html
    html = client_for(two_partners["co_rep"].user).get(reverse("portal:catalog")).content.decode()
    assert "€499<" in html
    assert "PHONE-OLD" in html
