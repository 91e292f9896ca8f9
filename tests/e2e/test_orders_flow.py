"""The TeleMedia ordering story in a real browser, orders side (ORD-2,
ORD-4, ORD-5, ORD-7, ORD-9): Northwind's power user has a family plan with
three lines on order; the next morning it revises the order in the portal,
adds two lines and submits — a complete new revision (plan + 5 lines) with
revision 1 kept read-only — and compares the two; the order manager
reports every line complete and the account's Assets tab shows the five
lines installed; weeks later the power user opens one line from the
portal's Ordering menu (Service profile), backs out of Disconnect at its
confirmation, and Modify takes the line's data pack off: the change order
shows as "Being changed"; a standard user sees no Revise button. (The stock order and the
plan come through the services here: the cart is its own flow.)"""

from collections.abc import Callable
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect

from openprm.catalog.models import PriceList
from openprm.core.actor import Actor
from openprm.identity.models import User
from openprm.orders import services
from openprm.orders.models import Asset, Order
from tests.catalog.conftest import gold, telemedia
from tests.deals.conftest import make_partner, make_portal_user, two_partners
from tests.e2e.conftest import shot, signed_in_tab
from tests.orders.conftest import family, gold_prices, nw_power, stock_order

pytestmark = pytest.mark.e2e

__all__ = [
    "gold", "gold_prices", "make_partner", "make_portal_user", "nw_power", "stock_order",
    "telemedia", "two_partners",
]  # fmt: skip
PASSWORD = "Telemedia-Horse-42"


def _password(user: User) -> User:
    user.set_password(PASSWORD)
    user.save()
    return user


def _tab(browser: Browser, live_server: Any, user: User) -> Page:
    return signed_in_tab(browser, live_server, user.username, PASSWORD)


def test_ord_4_ord_5_ord_7_the_family_plan_revised_fulfilled_and_changed(
    browser: Browser, live_server: Any, two_partners: dict[str, Any], nw_power: Actor,
    sales_admin: User, telemedia: dict[str, Any], gold_prices: PriceList,
    stock_order: Callable[..., Order],
) -> None:  # fmt: skip
    stock = stock_order([services.LineSpec(product_id=telemedia["PHONE-X"].pk, quantity=10)])
    services.order_submit(actor=nw_power, order=stock, expected_version=stock.version)
    plan = stock_order(family(telemedia, 3))
    plan = services.order_submit(actor=nw_power, order=plan, expected_version=plan.version)
    power = _tab(browser, live_server, _password(two_partners["nw_admin"].user))

    power.goto("/portal/orders/")
    power.get_by_role("link", name=plan.number).first.click()
    power.get_by_test_id("action-revise").click()
    expect(power.get_by_text("A new revision of")).to_be_visible()
    revision = Order.objects.get(number=plan.number, revision=2)
    bundle = revision.lines.get(product=telemedia["FAMILY"])
    for shot_taken in range(2):
        power.get_by_label("Product", exact=True).fill("family l")
        choice = power.get_by_role("option", name="Family line LINE · €12 monthly")
        expect(choice).to_be_visible()
        if shot_taken == 0:
            shot(power, "order-line-picker")
        choice.click()
        expect(power.get_by_label("Product", exact=True)).to_have_value("Family line")
        power.get_by_label("In bundle line").select_option(str(bundle.pk))
        power.get_by_label("Data pack 5 GB · DATA-5 · €4 monthly").check()
        power.get_by_test_id("line-add").click()
        expect(power.get_by_text("The line is added to")).to_be_visible()
    expect(power.get_by_test_id("line-LINE")).to_have_count(5)
    power.get_by_test_id("action-submit").click()
    expect(power.get_by_test_id("order-state")).to_have_text("Open")
    power.get_by_test_id("compare-1").click()
    expect(power.get_by_test_id("diff")).to_contain_text("Family line")
    expect(power.get_by_test_id("price-change")).to_contain_text("€25.60 monthly")
    power.get_by_role("link", name="Revision 1").click()
    expect(power.get_by_text("It is read-only.")).to_be_visible()
    expect(power.get_by_test_id("action-revise")).to_have_count(0)

    manager = _tab(browser, live_server, _password(sales_admin))
    manager.goto(f"/orders/{revision.pk}/")
    manager.get_by_label("Every line").select_option("complete")
    manager.get_by_test_id("fulfil-all").click()
    expect(manager.get_by_test_id("order-state")).to_have_text("Fulfilled")
    for tab, address, name in (
        (manager, f"/orders/{revision.pk}/?tab=history", "order-history-internal"),
        (power, f"/portal/orders/{revision.pk}/?tab=history", "order-history-portal"),
    ):
        tab.goto(address)  # PLAT-5: the fulfilment and the added lines, on the History tab
        expect(tab.get_by_test_id("history-entry").first).to_be_visible()
        expect(tab.get_by_test_id("order-history")).to_contain_text(f"#{bundle.pk} ")
        shot(tab, name)
    power.get_by_test_id("nav-group-ordering").click()
    power.get_by_role("link", name="Service profile").click()
    power.get_by_test_id("service-profile").get_by_role("link", name="Family line").first.click()
    placed = Order.objects.count()
    power.once("dialog", lambda dialog: dialog.dismiss())
    power.get_by_test_id("asset-disconnect").click()
    expect(power.get_by_test_id("asset-modify")).to_be_visible()
    assert Order.objects.count() == placed
    power.get_by_test_id("asset-modify").click()
    power.get_by_label("Data pack 5 GB").uncheck()
    power.get_by_test_id("asset-modify-save").click()
    expect(power.get_by_text("is pending: check it, then submit it.")).to_be_visible()
    power.get_by_test_id("action-submit").click()
    expect(power.get_by_test_id("order-state")).to_have_text("Open")
    manager.goto(f"/orders/accounts/{two_partners['nw'].account_id}/assets/")
    profile = manager.get_by_test_id("service-profile")
    expect(profile.get_by_text("Family line")).to_have_count(5)
    expect(manager.get_by_test_id("profile-changing")).to_have_count(1)
    plan_asset = Asset.objects.get(origin__order=revision, product=telemedia["PLAN-1500"])
    for address, shown in (("", "asset-history"), ("modify/", "asset-modify-form")):
        manager.goto(f"/orders/assets/{plan_asset.pk}/{address}")  # the menu, for a human look
        expect(manager.get_by_test_id(shown)).to_be_visible()
        shot(manager, f"{shown}-internal")

    standard = _tab(browser, live_server, _password(two_partners["nw_rep"].user))
    standard.goto(f"/portal/orders/{revision.pk}/")
    expect(standard.get_by_test_id("order-state")).to_have_text("Fulfilled")
    standard.goto(f"/portal/orders/{stock.pk}/")
    expect(standard.get_by_test_id("order-state")).to_be_visible()
    expect(standard.get_by_test_id("action-revise")).to_have_count(0)
