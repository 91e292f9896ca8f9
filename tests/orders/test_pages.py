"""The order pages (ORD-3..ORD-9): the order manager's list, order page,
fulfilment buttons and a customer's assets; the portal's orders, the
revision of a power user and the service profile; 404 for another
partner's order."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from openprm.core.actor import Actor
from openprm.identity.models import User
from openprm.orders.models import Asset, Order
from openprm.orders.services import order_submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_order(stock_order: Callable[..., Order], nw_power: Actor) -> Order:
    order = stock_order()
    return order_submit(actor=nw_power, order=order, expected_version=order.version)


def test_ord_5_the_order_manager_fulfils_an_order_from_its_page_into_assets(
    client_for: Callable[[User], Client], sales_admin: User, open_order: Order
) -> None:
    client = client_for(sales_admin)
    listed = client.get(reverse("orders:order_list")).content.decode()
    assert open_order.number in listed
    page = client.get(open_order.get_absolute_url()).content.decode()
    assert 'data-testid="fulfil-all"' in page
    answer = client.post(
        reverse("orders:order_fulfil", args=[open_order.pk]), {"status": "complete"}, follow=True
    )
    assert "Fulfilment of" in answer.content.decode()
    open_order.refresh_from_db()
    assert open_order.state == "fulfilled"
    assets = client.get(reverse("orders:account_assets", args=[open_order.customer_id]))
    assert assets.status_code == 200
    assert (
        assets.content.decode().count('data-testid="profile-installed"')
        == Asset.objects.count()
        == 8
    )
    line = Asset.objects.get(product__code="FAMILY")
    assert (
        "Installed" in client.get(reverse("orders:asset_detail", args=[line.pk])).content.decode()
    )


def test_ord_5_an_illegal_transition_is_shown_on_the_page(
    client_for: Callable[[User], Client], sales_admin: User, open_order: Order
) -> None:
    client = client_for(sales_admin)
    line = open_order.lines.first()
    url = reverse("orders:order_fulfil", args=[open_order.pk])
    client.post(url, {"status": "complete", "line_id": line.pk})
    answer = client.post(url, {"status": "open", "line_id": line.pk}, follow=True)
    assert "cannot go from Complete back to Open" in answer.content.decode()


def test_ord_7_a_power_user_revises_in_the_portal_and_compares_revisions(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], nw_power: Actor,
    open_order: Order, telemedia: dict[str, Any],
) -> None:  # fmt: skip
    client = client_for(two_partners["nw_admin"].user)
    assert open_order.number in client.get(reverse("portal:order_list")).content.decode()
    page = client.get(reverse("portal:order_detail", args=[open_order.pk])).content.decode()
    assert 'data-testid="action-revise"' in page
    answer = client.post(reverse("portal:order_revise", args=[open_order.pk]), follow=True)
    revision = Order.objects.get(number=open_order.number, revision=2)
    assert answer.redirect_chain[-1][0] == reverse("portal:order_detail", args=[revision.pk])
    bundle = revision.lines.get(product__code="FAMILY")
    for _ in range(2):
        revision.refresh_from_db()
        client.post(
            reverse("portal:order_line_add", args=[revision.pk]),
            {"version": revision.version, "product": telemedia["LINE"].pk, "quantity": 1,
             "parent": bundle.pk, "options": str(telemedia["DATA-5"].pk)},
        )  # fmt: skip
    revision.refresh_from_db()
    client.post(reverse("portal:order_submit", args=[revision.pk]), {"version": revision.version})
    revision.refresh_from_db()
    assert revision.state == "open"
    assert revision.lines.filter(product__code="LINE").count() == 5
    url = reverse("portal:order_detail", args=[revision.pk])
    compared = client.get(f"{url}?against={open_order.pk}").content.decode()
    assert "Changes from revision 1 to 2" in compared
    first = client.get(reverse("portal:order_detail", args=[open_order.pk])).content.decode()
    assert "It is read-only" in first
    assert 'data-testid="action-revise"' not in first


def test_ord_2_a_standard_user_sees_no_revise_button_and_is_refused(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], open_order: Order
) -> None:
    client = client_for(two_partners["nw_rep"].user)
    page = client.get(reverse("portal:order_detail", args=[open_order.pk])).content.decode()
    assert 'data-testid="action-revise"' not in page
    assert client.post(reverse("portal:order_revise", args=[open_order.pk])).status_code == 403


def test_ord_3_another_partners_order_is_not_found_in_the_portal(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], open_order: Order
) -> None:
    client = client_for(two_partners["co_rep"].user)
    assert client.get(reverse("portal:order_detail", args=[open_order.pk])).status_code == 404
    assert open_order.number not in client.get(reverse("portal:order_list")).content.decode()


def test_ord_5_the_portal_shows_its_organizations_service_profile(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], open_order: Order
) -> None:
    client = client_for(two_partners["nw_rep"].user)
    own = two_partners["nw"].account_id
    page = client.get(reverse("portal:service_profile", args=[own])).content.decode()
    assert page.count('data-testid="profile-adding"') == 8
    other = two_partners["co"].account_id
    assert client.get(reverse("portal:service_profile", args=[other])).status_code == 404


def test_ord_5_the_portal_menu_opens_its_own_service_profile(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], open_order: Order,
    sales_admin: User,
) -> None:  # fmt: skip
    client = client_for(two_partners["nw_rep"].user)
    home = client.get(reverse("portal:order_list")).content.decode()
    assert reverse("portal:own_service_profile") in home
    page = client.get(reverse("portal:own_service_profile")).content.decode()
    assert page.count('data-testid="profile-adding"') == 8
    assert client_for(sales_admin).get(reverse("portal:own_service_profile")).status_code == 404
