"""Working an opportunity in real browsers (DEAL-1, DEAL-4, DEAL-9): the
channel manager renames its deal on the Edit page, is told what is wrong
with a bad amount beside the field, adds a product line (found by typing
part of its code) and removes another on the deal's page (the amount
follows each time) and gives the deal to a colleague; Northwind's sales rep,
on the team of its registered deal at Edit, moves the close date from the
portal; the channel manager routes the new leads shown on the leads page
with one button, which then goes away. Screenshots of each page for a human look
(OPENPRM_SHOTS)."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from openprm.catalog.models import Product
from openprm.customers.models import Account
from openprm.deals import services
from openprm.deals.models import Lead, Opportunity
from openprm.identity.models import Resource, User
from tests.deals.conftest import (
    customer,
    edit_member,
    own_deal,
    products,
    register,
    registered,
)
from tests.e2e.conftest import shot, signed_in_tab, type_and_pick
from tests.factories import as_actor
from tests.partners.conftest import make_partner, make_portal_user, two_partners

__all__ = [
    "customer", "edit_member", "make_partner", "make_portal_user", "own_deal", "products",
    "register", "registered", "two_partners",
]  # fmt: skip
pytestmark = pytest.mark.e2e

PASSWORD = "Deal-Horse-2026"


def _tab(browser: Browser, live_server: Any, user: User) -> Page:
    user.set_password(PASSWORD)
    user.save()
    return signed_in_tab(browser, live_server, user.username, PASSWORD)


def test_deal_1_deal_9_the_owner_edits_its_deal_and_its_product_lines(
    browser: Browser,
    live_server: Any,
    channel_manager: User,
    own_deal: Opportunity,
    products: dict[str, Product],
    edit_member: User,
) -> None:
    edit_member.first_name, edit_member.last_name = "Samantha", "Seller"
    edit_member.save()
    Resource.objects.create(name="Tara Team")
    cam = _tab(browser, live_server, channel_manager)
    cam.goto(f"/deals/opportunities/{own_deal.pk}/")
    expect(cam.get_by_test_id("opportunity-amount")).to_have_text("$2,500")
    cam.get_by_role("link", name="Edit").click()
    cam.get_by_label("Amount").fill("0")
    cam.get_by_role("button", name="Save").click()
    expect(cam.get_by_text("The amount must be more than zero.")).to_be_visible()
    shot(cam, "opportunity-edit-error")
    cam.get_by_label("Amount").fill("2500")
    cam.get_by_label("Opportunity name").fill("Acme campus, phase 1")
    cam.get_by_role("button", name="Save").click()
    expect(cam.get_by_text("Acme campus, phase 1 is saved.")).to_be_visible()

    cam.goto(f"/deals/opportunities/{own_deal.pk}/")
    add = cam.get_by_test_id("line-add-form")
    type_and_pick(
        cam, add.get_by_label("Product"), "sw", "Switch 24 SW-24", "opportunity-product-picker"
    )
    expect(add.get_by_label("Product")).to_have_value("Switch 24")
    add.get_by_label("Quantity").fill("2")
    add.get_by_label("Amount").fill("800")
    add.get_by_role("button", name="Add the product").click()
    expect(cam.get_by_text("The products of Acme campus, phase 1 are updated.")).to_be_visible()
    expect(cam.get_by_test_id("opportunity-amount")).to_have_text("$3,300")
    shot(cam, "opportunity-page-two-lines")
    cam.once("dialog", lambda dialog: dialog.accept())
    cam.get_by_test_id("line-FW-100").get_by_role("button", name="Remove").click()
    expect(cam.get_by_test_id("opportunity-amount")).to_have_text("$800")
    expect(cam.get_by_test_id("line-FW-100")).to_have_count(0)

    team = cam.get_by_test_id("team-form")
    type_and_pick(cam, team.get_by_label("Person"), "tar", "Tara Team", "opportunity-team-picker")
    team.get_by_role("button", name="Add to the team").click()
    expect(cam.get_by_text("The team of Acme campus, phase 1 is updated.")).to_be_visible()
    assert own_deal.team.filter(resource__name="Tara Team", access_level="edit").exists()

    owner = cam.get_by_test_id("owner-form")
    type_and_pick(
        cam, owner.get_by_label("Owned by"), "sam", "Samantha Seller", "opportunity-owner-picker"
    )
    owner.get_by_role("button", name="Change the owner").click()
    expect(cam.get_by_text("Acme campus, phase 1 has a new owner.")).to_be_visible()
    shot(cam, "opportunity-new-owner")
    own_deal.refresh_from_db()
    assert (own_deal.name, own_deal.amount) == ("Acme campus, phase 1", 800)
    assert own_deal.owner_id == edit_member.pk


def test_deal_1_a_new_opportunity_s_lines_are_typed_and_picked(
    browser: Browser,
    live_server: Any,
    channel_manager: User,
    customer: Account,
    products: dict[str, Product],
) -> None:
    """The New opportunity form lists no catalog: each line's product is
    found by typing part of its name or code; a vague one is refused on its
    line."""
    cam = _tab(browser, live_server, channel_manager)
    cam.goto(f"/deals/opportunities/new/?account={customer.pk}")
    cam.get_by_label("Opportunity name").fill("Acme wireless")
    close = timezone.localdate() + dt.timedelta(days=30)
    cam.get_by_label("Estimated close date").fill(close.isoformat())
    product = cam.get_by_label("Product of line 1")
    type_and_pick(cam, product, "ap", "Access Point AP-6", "new-opportunity-product-picker")
    cam.get_by_label("Amount of line 1").fill("600")
    cam.get_by_label("Product of line 2").fill("Nothing here")
    cam.get_by_label("Amount of line 2").fill("100")
    cam.get_by_role("button", name="Open the opportunity").click()
    expect(cam.get_by_test_id("line-1-error")).to_contain_text("Nothing you can see starts")
    shot(cam, "new-opportunity-line-error")
    cam.get_by_label("Product of line 2").fill("")
    cam.get_by_label("Amount of line 2").fill("")
    cam.get_by_role("button", name="Open the opportunity").click()
    expect(cam.get_by_text("The opportunity Acme wireless is open.")).to_be_visible()
    assert customer.opportunities.get().lines.get().product == products["AP-6"]


def test_deal_9_a_partner_on_the_team_moves_the_close_date_in_the_portal(
    browser: Browser, live_server: Any, two_partners: dict[str, Any], registered: Opportunity
) -> None:
    rep = _tab(browser, live_server, two_partners["nw_rep"].user)
    rep.goto("/portal/opportunities/")
    shot(rep, "portal-opportunities")
    rep.get_by_role("link", name=registered.name).click()
    expect(rep.get_by_role("heading", name=registered.name)).to_be_visible()
    expect(rep.get_by_test_id("opportunity-team")).to_contain_text(
        two_partners["nw_rep"].resource.name
    )
    shot(rep, "portal-opportunity-page")
    rep.get_by_role("link", name="Edit").click()
    later = timezone.localdate() + dt.timedelta(days=75)
    rep.get_by_label("Estimated close date").fill("2001-01-01")
    rep.get_by_role("button", name="Save").click()
    expect(rep.get_by_text("The estimated close date cannot be in the past.")).to_be_visible()
    shot(rep, "portal-opportunity-edit-error")
    rep.get_by_label("Estimated close date").fill(later.isoformat())
    rep.get_by_role("button", name="Save").click()
    expect(rep.get_by_text("is saved.")).to_be_visible()
    expect(rep.get_by_role("heading", name=registered.name)).to_be_visible()
    shot(rep, "portal-opportunity-saved")
    registered.refresh_from_db()
    assert registered.close_date == later


def test_deal_4_the_leads_page_routes_the_new_leads_shown(
    browser: Browser,
    live_server: Any,
    two_partners: dict[str, Any],
    channel_manager: User,
    customer: Account,
) -> None:
    for name in ("Acme branch offices", "Acme data center"):
        services.lead_create(actor=as_actor(channel_manager), account_id=customer.pk, name=name)
    cam = _tab(browser, live_server, channel_manager)
    cam.goto("/deals/leads/")
    shot(cam, "leads-before-routing")
    cam.get_by_test_id("route-batch").click()
    expect(cam.get_by_text("2 leads are offered to partners.")).to_be_visible()
    expect(cam.get_by_test_id("route-batch")).to_have_count(0)
    shot(cam, "leads-after-routing")
    assert not Lead.objects.filter(status=Lead.Status.NEW).exists()
