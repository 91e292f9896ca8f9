"""Deal registration in real browsers (DEAL-2, DEAL-3, DEAL-5, DEAL-6, DEAL-7):
Northwind registers a deal; Contoso registers the same deal and sees only
that it is under review; the channel manager sees the conflict side by
side and approves Northwind's, which rejects Contoso's; Contoso reads only
"an earlier registration holds this opportunity"; the opportunity is won,
and each partner's performance page shows its own figures."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from openprm.catalog.services import product_create
from openprm.customers.services import account_create
from openprm.deals import services
from openprm.identity.catalog import SALES_ADMINISTRATOR
from openprm.partners.models import PartnerContact
from tests.e2e.conftest import signed_in_tab, type_and_pick
from tests.factories import as_actor, make_user
from tests.partners.conftest import make_partner, make_portal_user, two_partners

__all__ = ["make_partner", "make_portal_user", "two_partners"]
pytestmark = pytest.mark.e2e

PASSWORD = "Deal-Horse-2026"


def _register(page: Page, title: str) -> None:
    page.get_by_test_id("nav-group-deals").click()
    page.get_by_role("link", name="Deal registrations").first.click()
    page.get_by_role("link", name="Register a deal").click()
    expect(page.get_by_test_id("protection-offer")).to_contain_text("90 days")
    page.get_by_label("Deal name").fill(title)
    page.get_by_label("Customer name").fill("Acme Corp.")
    page.get_by_label("Customer country").select_option("US")
    close = timezone.localdate() + dt.timedelta(days=40)
    page.get_by_label("Estimated close date").fill(close.isoformat())
    product = page.get_by_label("Product of line 1")
    type_and_pick(page, product, "fw", "Firewall 100 FW-100", "registration-form-product-picker")
    expect(page.get_by_label("Product of line 1")).to_have_value("Firewall 100")
    page.get_by_label("Amount of line 1").fill("12000")
    page.get_by_role("button", name="Submit for approval").click()
    expect(
        page.get_by_text("Your registration is under review by the channel team.")
    ).to_be_visible()


def test_deal_2_3_5_6_7_two_partners_one_deal(
    browser: Browser,
    live_server: Any,
    two_partners: dict[str, Any],
    channel_manager: Any,
) -> None:
    users = [two_partners["nw_rep"].user, two_partners["co_rep"].user, channel_manager]
    for user in users:
        user.set_password(PASSWORD)
        user.save()
    admin = make_user(SALES_ADMINISTRATOR, username="catalog-admin")
    product_create(actor=as_actor(admin), data={"code": "FW-100", "name": "Firewall 100"})
    customer = account_create(
        actor=as_actor(channel_manager), data={"name": "Acme Corporation", "country": "US"}
    )

    northwind = signed_in_tab(browser, live_server, "nw-rep", PASSWORD)
    _register(northwind, "Acme firewall refresh")
    contoso = signed_in_tab(browser, live_server, "co-rep", PASSWORD)
    _register(contoso, "Acme security")
    expect(contoso.get_by_text("conflict", exact=False)).to_have_count(0)
    expect(contoso.get_by_text("Northwind")).to_have_count(0)

    cam = signed_in_tab(browser, live_server, channel_manager.username, PASSWORD)
    cam.get_by_role("link", name="Registrations").first.click()
    cam.get_by_role("link", name="Waiting for approval").click()
    cam.get_by_role("link", name="Acme firewall refresh").click()
    conflicts = cam.get_by_test_id("conflicts")
    expect(conflicts).to_contain_text("Contoso")
    expect(conflicts).to_contain_text("same customer name and country")
    expect(conflicts).to_contain_text("Firewall 100")
    form = cam.get_by_test_id("approve-form")
    form.get_by_label("Customer's sales account").fill(str(customer.pk))
    form.get_by_label("Reject the conflicting registrations").check()
    form.get_by_role("button", name="Approve").click()
    expect(cam.get_by_text("is approved.")).to_be_visible()
    cam.get_by_role("link", name="Open the opportunity").click()
    cam.get_by_role("combobox", name="Stage").select_option(label="Closed won")
    cam.get_by_role("button", name="Move", exact=True).click()
    expect(cam.get_by_text("Closed won").first).to_be_visible()

    contoso.reload()
    expect(contoso.get_by_test_id("rejection")).to_contain_text(
        "An earlier registration holds this opportunity"
    )
    expect(contoso.get_by_text("Northwind")).to_have_count(0)

    northwind.get_by_test_id("nav-group-deals").click()
    northwind.get_by_role("link", name="Performance").click()
    expect(northwind.get_by_test_id("stat-win")).to_have_text("100.0%")
    expect(northwind.get_by_test_id("stat-revenue")).to_contain_text("12,000")
    contoso.get_by_test_id("nav-group-deals").click()
    contoso.get_by_role("link", name="Performance").click()
    expect(contoso.get_by_test_id("stat-registrations")).to_have_text("1")
    expect(contoso.get_by_test_id("stat-approval")).to_have_text("0.0%")
    expect(contoso.get_by_test_id("stat-win")).to_have_text("—")
    assert PartnerContact.objects.filter(user__username="co-rep").exists()


def test_prg_7_a_partner_reaches_no_other_partners_registration(
    signed_in_page: Callable[..., Page],
    two_partners: dict[str, Any],
) -> None:
    """Another partner's registration page is a 404, like a missing one."""
    admin = make_user(SALES_ADMINISTRATOR, username="catalog-admin")
    product = product_create(actor=as_actor(admin), data={"code": "FW-1", "name": "Firewall"})
    rep = as_actor(two_partners["nw_rep"].user)
    registration = services.registration_create(
        actor=rep,
        data={
            "title": "Secret",
            "customer_name": "Acme",
            "country": "US",
            "close_date": timezone.localdate() + dt.timedelta(days=9),
        },
        lines=[services.LineIn(product.pk, 1, Decimal(5))],
    )
    user = two_partners["co_rep"].user
    user.set_password(PASSWORD)
    user.save()
    page = signed_in_page(user, PASSWORD)
    answer = page.goto(f"/portal/registrations/{registration.pk}/")
    assert answer is not None
    assert answer.status == 404
    expect(page.get_by_text("Secret")).to_have_count(0)
