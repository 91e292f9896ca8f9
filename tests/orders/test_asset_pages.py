"""Changing installed service from its page (ORD-9): a power user's Modify
and Disconnect on an installed asset place a pending change order through
the same service as the API, at the price list that applies; Disconnect is
a red button asking for confirmation; a standard user gets neither (403),
another partner's asset is 404."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from openprm.core.actor import Actor
from openprm.identity.models import User
from openprm.orders.models import Asset, Order
from openprm.orders.services import order_submit
from tests.orders.conftest import complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def line(stock_order: Callable[..., Order], nw_power: Actor, manager: Actor) -> Asset:
    """One installed mobile line of Northwind's family plan, with its 5 GB data pack."""
    order = stock_order()
    complete(manager, order_submit(actor=nw_power, order=order, expected_version=order.version))
    return Asset.objects.filter(product__code="LINE").order_by("pk").first()


def changes(order: Order) -> list[tuple[str, str]]:
    """The order's lines that change something: (action, product code)."""
    return [
        (row.action, row.product.code)
        for row in order.lines.select_related("product").order_by("position", "pk")
        if row.action != "unchanged"
    ]


def test_ord_9_a_power_user_disconnects_a_line_from_its_page_after_confirming(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], line: Asset
) -> None:
    client = client_for(two_partners["nw_admin"].user)
    profile = client.get(reverse("portal:own_service_profile")).content.decode()
    assert reverse("portal:asset_detail", args=[line.pk]) in profile
    page = client.get(reverse("portal:asset_detail", args=[line.pk])).content.decode()
    action = reverse("portal:asset_disconnect", args=[line.pk])
    assert re.search(rf'<form method="post" action="{action}"[^>]* data-confirm="Disconnect', page)
    assert 'class="btn btn-outline-danger" data-testid="asset-disconnect"' in page
    answer = client.post(reverse("portal:asset_disconnect", args=[line.pk]), follow=True)
    order = Order.objects.order_by("-pk").first()
    assert answer.redirect_chain[-1][0] == reverse("portal:order_detail", args=[order.pk])
    assert "is pending: check it, then submit it" in answer.content.decode()
    assert order.state == "pending"
    assert changes(order) == [("delete", "LINE"), ("delete", "DATA-5")]


def test_ord_9_a_power_user_modifies_a_lines_options_from_its_page(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], line: Asset,
    telemedia: dict[str, Any],
) -> None:  # fmt: skip
    client = client_for(two_partners["nw_admin"].user)
    url = reverse("portal:asset_modify", args=[line.pk])
    form = client.get(url).content.decode()
    assert re.search(rf'name="options" value="{telemedia["DATA-5"].pk}"[^>]* checked', form)
    answer = client.post(url, {"quantity": "1", "options": []})
    order = Order.objects.order_by("-pk").first()
    assert answer.url == reverse("portal:order_detail", args=[order.pk])
    assert changes(order) == [("update", "LINE"), ("delete", "DATA-5")]


def test_ord_9_a_refused_change_stays_on_the_form_naming_the_rule(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], line: Asset
) -> None:
    """A line that an open order already disconnects cannot be modified:
    the form says so, naming that order, and nothing more is ordered."""
    client = client_for(two_partners["nw_admin"].user)
    client.post(reverse("portal:asset_disconnect", args=[line.pk]))
    disconnect = Order.objects.order_by("-pk").first()
    answer = client.post(reverse("portal:asset_modify", args=[line.pk]), {"quantity": "1"})
    assert answer.status_code == 400
    html = answer.content.decode()
    assert "One open order per asset" in html
    assert disconnect.number in html
    assert Order.objects.count() == 2


def test_ord_9_a_modify_that_changes_nothing_is_refused_on_the_quantity(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], line: Asset,
    telemedia: dict[str, Any],
) -> None:  # fmt: skip
    """Saving the form as it opened (same quantity, same options) places no
    order: the quantity field says why."""
    client = client_for(two_partners["nw_admin"].user)
    placed = Order.objects.count()
    same = {"quantity": "1", "options": [telemedia["DATA-5"].pk]}
    answer = client.post(reverse("portal:asset_modify", args=[line.pk]), same)
    assert answer.status_code == 400
    error = re.search(r'id="id_quantity_error">([^<]*)<', answer.content.decode())
    assert error is not None
    assert line.product.name in error.group(1)
    assert Order.objects.count() == placed


def test_ord_2_ord_9_a_standard_user_cannot_change_installed_service(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], line: Asset
) -> None:
    rep = client_for(two_partners["nw_rep"].user)
    page = rep.get(reverse("portal:asset_detail", args=[line.pk])).content.decode()
    assert "asset-modify" not in page
    assert "asset-disconnect" not in page
    assert rep.get(reverse("portal:asset_modify", args=[line.pk])).status_code == 403
    assert rep.post(reverse("portal:asset_disconnect", args=[line.pk])).status_code == 403
    other = client_for(two_partners["co_admin"].user)
    assert other.get(reverse("portal:asset_detail", args=[line.pk])).status_code == 404
    assert other.post(reverse("portal:asset_disconnect", args=[line.pk])).status_code == 404
    assert Order.objects.count() == 1


def test_ord_9_the_order_manager_disconnects_from_the_internal_asset_page(
    client_for: Callable[[User], Client], sales_admin: User, line: Asset
) -> None:
    client = client_for(sales_admin)
    page = client.get(reverse("orders:asset_detail", args=[line.pk])).content.decode()
    assert 'data-testid="asset-modify"' in page
    answer = client.post(reverse("orders:asset_disconnect", args=[line.pk]))
    order = Order.objects.order_by("-pk").first()
    assert answer.url == reverse("orders:order_detail", args=[order.pk])
    assert changes(order) == [("delete", "LINE"), ("delete", "DATA-5")]
