"""A partner's power user shops in the portal (ORD-2, ORD-6, ORD-8): Add to
cart from the catalog, the quantity changed in place with the totals, the
family plan built in the configurator (a 6th line refused, the rule named),
saved as a quote and ordered from it; a standard user cannot open the
configurator.

A quantity is typed and left with Tab, as a person does. A `change` event
dispatched by hand leaves Chromium's own change still pending; it fires when
the swap removes the field, and that second request could land after the
next edit and put the old quantity back (the cause of a failed CI run)."""

from collections.abc import Callable
from typing import Any

from django.urls import reverse
from playwright.sync_api import Page, expect

from openprm.identity.models import User
from tests.carts.conftest import power
from tests.catalog.conftest import telemedia
from tests.deals.conftest import make_partner, make_portal_user, two_partners

__all__ = ["make_partner", "make_portal_user", "power", "telemedia", "two_partners"]

PASSWORD = "Cart-Flow-Pass-2026"


def test_ord_2_ord_6_ord_8_power_user_shops_configures_quotes_and_orders(
    signed_in_page: Callable[[User, str], Page],
    power: User,
    two_partners: dict[str, Any],
    telemedia: dict[str, Any],
) -> None:
    power.set_password(PASSWORD)
    power.save()
    page = signed_in_page(power, PASSWORD)
    page.goto(reverse("portal:catalog") + "?family=Mobile")
    page.get_by_test_id("add-to-cart-PHONE-X").get_by_role("button").click()
    expect(page.get_by_text("TeleMedia X phone is in your cart.")).to_be_visible()

    page.goto(reverse("portal:cart"))
    expect(page.get_by_test_id("one-time-total")).to_have_text("€499")
    quantity = page.get_by_test_id("line-PHONE-X").get_by_role("spinbutton", name="Quantity")
    quantity.fill("2")
    quantity.press("Tab")
    expect(page.get_by_test_id("one-time-total")).to_have_text("€998")

    page.goto(reverse("portal:catalog") + "?family=Mobile")
    page.get_by_test_id("configure-FAMILY").click()
    expect(page.get_by_test_id("config-valid")).to_be_visible()
    lines = page.get_by_label("How many Family line")
    lines.fill("6")
    lines.press("Tab")
    expect(page.get_by_test_id("config-violations")).to_contain_text(
        "Cardinality: Family plan 1500 takes 1 to 5 of Family line; this configuration has 6."
    )
    expect(page.get_by_test_id("config-add")).to_be_disabled()
    lines = page.get_by_label("How many Family line")
    lines.fill("3")
    lines.press("Tab")
    expect(page.get_by_test_id("config-valid")).to_be_visible()
    page.get_by_test_id("slot-" + str(telemedia["LINE"].pk) + "-0").get_by_label(
        "Data pack 5 GB"
    ).check()
    expect(page.get_by_test_id("config-summary")).to_contain_text("Data pack 5 GB")
    page.get_by_test_id("config-add").click()
    expect(page.get_by_text("Family plan 1500 is in your cart.")).to_be_visible()
    # 998 for the phones; 59 plan bundle + 39 minutes + 3 lines at 12 + one data pack at 4
    expect(page.get_by_test_id("monthly-total")).to_contain_text("€138")

    page.get_by_test_id("save-quote").click()
    expect(page.get_by_text("is saved, valid until")).to_be_visible()
    expect(page.get_by_test_id("one-time-total")).to_have_text("€998")
    page.get_by_test_id("quote-order").click()
    expect(page.get_by_text("is placed.")).to_be_visible()


def test_ord_2_a_standard_user_cannot_open_the_configurator(
    signed_in_page: Callable[[User, str], Page],
    two_partners: dict[str, Any],
    telemedia: dict[str, Any],
) -> None:
    user = two_partners["nw_rep"].user
    user.set_password(PASSWORD)
    user.save()
    page = signed_in_page(user, PASSWORD)
    page.goto(reverse("portal:catalog") + "?family=Mobile")
    expect(page.get_by_test_id("add-to-cart-FAMILY")).to_be_visible()
    expect(page.get_by_test_id("configure-FAMILY")).to_have_count(0)
    answer = page.goto(reverse("portal:configurator", args=[telemedia["FAMILY"].pk]))
    assert answer is not None
    assert answer.status == 403
