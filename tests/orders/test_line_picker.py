"""The Add a line form's product picker (ORD-1, ORD-3, ORD-8): it offers
the products a line of the order may take at the order's price list, found
by name or code, with code and price; the service still refuses a product
that is not on the price list or not active, with the rule named; another
partner's order is not found."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from openprm.catalog.models import Product
from openprm.core.actor import Actor
from openprm.identity.models import User
from openprm.orders.models import Order
from openprm.orders.services import order_revise, order_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def revision(stock_order: Callable[..., Order], nw_power: Actor) -> Order:
    order = stock_order()
    order = order_submit(actor=nw_power, order=order, expected_version=order.version)
    return order_revise(actor=nw_power, order=order)


def _pick(client: Client, order: Order, text: str, area: str = "portal") -> str:
    url = reverse(f"{area}:order_product_pick", args=[order.pk])
    answer = client.get(url, {"field": "product", "product_search": text})
    assert answer.status_code == 200
    return answer.content.decode()


def test_ord_1_the_picker_offers_the_price_lists_products_with_code_and_price(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], revision: Order
) -> None:
    client = client_for(two_partners["nw_admin"].user)
    page = client.get(reverse("portal:order_detail", args=[revision.pk])).content.decode()
    assert f'hx-get="/portal/orders/{revision.pk}/products/?field=product"' in page
    found = _pick(client, revision, "fam")
    assert "Family line <small" in found
    assert "LINE · €12 monthly" in found
    assert "Family plan 1500" in found
    assert "Data pack" not in found  # an option goes with its line, not alone
    by_code = _pick(client, revision, "phone")  # codes PHONE-X, PHONE-OLD
    assert "PHONE-X · €399" in by_code
    assert "PHONE-OLD" not in by_code  # not on the Gold price list


def test_ord_8_the_form_offers_bundle_lines_by_name_and_options_per_product(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], revision: Order,
    telemedia: dict[str, Any],
) -> None:  # fmt: skip
    """The page lists no option until a product is chosen; the options
    route answers the chosen product's own options, by name and price."""
    client = client_for(two_partners["nw_admin"].user)
    page = client.get(reverse("portal:order_detail", args=[revision.pk])).content.decode()
    bundle = revision.lines.get(product__code="FAMILY")
    assert f'<option value="{bundle.pk}">Family plan 1500 #{bundle.pk}</option>' in page
    options_url = reverse("portal:order_line_options", args=[revision.pk])
    assert f'hx-get="{options_url}"' in page
    assert "<noscript>" in page
    data_pack = telemedia["DATA-5"]
    assert f'value="{data_pack.pk}"' not in page
    line_options = client.get(options_url, {"product": telemedia["LINE"].pk}).content.decode()
    assert f'value="{data_pack.pk}"' in line_options
    assert f"{data_pack.name} · DATA-5 · €4 monthly" in line_options
    assert 'id="id_options_wrap"' in line_options
    phone = client.get(options_url, {"product": telemedia["PHONE-X"].pk}).content.decode()
    assert f'value="{data_pack.pk}"' not in phone  # a phone takes no data pack
    typed = client.get(options_url, {"product": "Family line"}).content.decode()
    assert 'type="checkbox"' not in typed  # a product is chosen by its id, never typed


def test_ord_8_without_javascript_the_typed_product_shows_its_options(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], revision: Order,
    telemedia: dict[str, Any],
) -> None:  # fmt: skip
    """*Show the product's options* resolves the typed name and comes back to
    the page with that product chosen and its options to tick; nothing is
    added."""
    client = client_for(two_partners["nw_admin"].user)
    count = revision.lines.count()
    answer = client.post(
        reverse("portal:order_line_add", args=[revision.pk]),
        {"version": revision.version, "product": "", "product_search": "Family line",
         "quantity": 1, "load_options": "1"},
    )  # fmt: skip
    line = telemedia["LINE"]
    detail = reverse("portal:order_detail", args=[revision.pk])
    assert answer.status_code == 302
    assert answer["Location"] == f"{detail}?product={line.pk}#add-title"
    page = client.get(f"{detail}?product={line.pk}").content.decode()
    assert f'name="product" value="{line.pk}"' in page
    assert f'value="{line.name}"' in page
    assert f'value="{telemedia["DATA-5"].pk}"' in page
    assert revision.lines.count() == count


def test_ord_8_other_partners_cannot_read_an_orders_options(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], revision: Order,
    telemedia: dict[str, Any],
) -> None:  # fmt: skip
    client = client_for(two_partners["co_admin"].user)
    options_url = reverse("portal:order_line_options", args=[revision.pk])
    assert client.get(options_url, {"product": telemedia["LINE"].pk}).status_code == 404


def test_ord_1_a_typed_name_is_resolved_and_the_line_added(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], revision: Order
) -> None:
    client = client_for(two_partners["nw_admin"].user)
    answer = client.post(
        reverse("portal:order_line_add", args=[revision.pk]),
        {
            "version": revision.version,
            "product": "",
            "product_search": "TeleMedia X",
            "quantity": 2,
        },
        follow=True,
    )
    assert "The line is added to" in answer.content.decode()
    assert revision.lines.filter(product__code="PHONE-X", quantity=2).exists()


def test_ord_1_a_product_off_the_price_list_or_inactive_is_refused_by_name(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], revision: Order,
    telemedia: dict[str, Any],
) -> None:  # fmt: skip
    client = client_for(two_partners["nw_admin"].user)
    url = reverse("portal:order_line_add", args=[revision.pk])
    before = revision.lines.count()
    old = {"version": revision.version, "product": telemedia["PHONE-OLD"].pk, "quantity": 1}
    page = client.post(url, old, follow=True).content.decode()
    assert (
        "Caller&#x27;s price list: TeleMedia old phone is not on the price list Gold partners"
        in page
    )
    Product.objects.filter(code="PHONE-X").update(is_active=False)
    assert "PHONE-X" not in _pick(client, revision, "TeleMedia")
    inactive = {"version": revision.version, "product": telemedia["PHONE-X"].pk, "quantity": 1}
    page = client.post(url, inactive, follow=True).content.decode()
    assert "Active product:" in page
    assert "not active" in page
    typed = {"version": revision.version, "product_search": "nothing like it", "quantity": 1}
    page = client.post(url, typed, follow=True).content.decode()
    assert "Product: Nothing you can see starts with" in page
    assert revision.lines.count() == before


def test_ord_3_another_partners_order_has_no_picker(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], revision: Order
) -> None:
    client = client_for(two_partners["co_rep"].user)
    url = reverse("portal:order_product_pick", args=[revision.pk])
    assert client.get(url, {"field": "product", "product_search": "fam"}).status_code == 404
