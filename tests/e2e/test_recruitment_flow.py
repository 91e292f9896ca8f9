"""A partner's recruitment in a real browser (PRG-1, PRG-10): a visitor opens
the public Become a partner page through a campaign link, picks a program
and applies; the channel manager reviews and approves the application; the
new partner administrator follows the invitation link, sets a password and
signs into the portal home."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER
from openprm.identity.models import User
from openprm.programs.services import program_create, tier_create
from openprm.recruitment.models import Application
from tests.e2e.conftest import shot
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.e2e

PASSWORD = "Correct-Horse-42"
PORTAL_PASSWORD = "Portal-Horse-77"


def test_prg_1_prg_10_from_the_public_page_to_the_portal_home(
    signed_in_page: Callable[[User, str], Page],
    browser: Browser,
    live_server: Any,
    settings: Any,
) -> None:
    """PRG-1, PRG-10: recruitment from the public page through approval and invitation."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    manager = make_user(CHANNEL_ACCOUNT_MANAGER, username="cam", password=PASSWORD)
    actor = as_actor(manager)
    program = program_create(
        actor=actor,
        data={
            "code": "RESELL",
            "name": "Reseller Program",
            "summary": "Resell our network gear.",
            "benefits": "Deal protection\nPartner discounts",
        },
    )
    tier_create(actor=actor, program=program, data={"name": "Registered", "margin_percent": 10})
    tier_create(actor=actor, program=program, data={"name": "Gold", "margin_percent": 20})

    visitor_context = browser.new_context(base_url=live_server.url)
    visitor = visitor_context.new_page()
    visitor.goto("/portal/become-a-partner/?campaign=expo")
    card = visitor.get_by_test_id("program-RESELL")
    expect(card).to_contain_text("Reseller Program")
    expect(card).to_contain_text("Gold")
    expect(card).to_contain_text("Deal protection")
    shot(visitor, "1-public-programs")
    card.get_by_role("link", name="Apply to Reseller Program").click()
    visitor.get_by_label("Company name").fill("Fabrikam Systems")
    visitor.get_by_label("Country").select_option("DE")
    visitor.get_by_label("Web site").fill("www.fabrikam.example")
    visitor.get_by_label("First name").fill("Ada")
    visitor.get_by_label("Last name").fill("Fabrikam")
    visitor.get_by_label("E-mail").fill("ada@fabrikam.example")
    shot(visitor, "2-apply")
    visitor.get_by_role("button", name="Send application").click()
    expect(visitor.get_by_test_id("application-received")).to_be_visible()
    visitor.get_by_test_id("status-link").click()
    expect(visitor.get_by_test_id("application-state")).to_have_text("Submitted")
    status_url = visitor.url
    assert Application.objects.get().campaign_code == "expo"

    page = signed_in_page(manager, PASSWORD)
    expect(page.get_by_test_id("home-applications_waiting")).to_contain_text("Fabrikam Systems")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Applications").click()
    page.get_by_role("link", name="Fabrikam Systems").click()
    page.get_by_role("button", name="Start review").click()
    expect(page.get_by_text("You are reviewing Fabrikam Systems.")).to_be_visible()
    shot(page, "3-review")
    page.get_by_test_id("approve-form").get_by_role("button", name="Approve").click()
    expect(page.get_by_text("is a partner now; the invitation is on its way.")).to_be_visible()
    expect(page.get_by_test_id("partner-link")).to_have_text("Fabrikam Systems")

    visitor.goto(status_url)
    expect(visitor.get_by_test_id("application-state")).to_have_text("Approved")
    visitor_context.close()

    assert mail.outbox[-1].to == ["ada@fabrikam.example"]
    link = re.search(r"https?://\S+/portal/invitation/\S+/", mail.outbox[-1].body)
    assert link is not None
    portal_context = browser.new_context(base_url=live_server.url)
    portal = portal_context.new_page()
    portal.goto(link.group(0))
    portal.locator("#id_new_password1").fill(PORTAL_PASSWORD)
    portal.locator("#id_new_password2").fill(PORTAL_PASSWORD)
    portal.get_by_role("button", name="Set password").click()
    expect(portal.get_by_text("Your password is set.")).to_be_visible()
    portal.get_by_label("Username").fill("ada@fabrikam.example")
    portal.get_by_label("Password").fill(PORTAL_PASSWORD)
    portal.get_by_role("button", name="Sign in").click()
    expect(portal.get_by_role("banner")).to_contain_text("Partner Portal")
    expect(portal.get_by_test_id("portal-organization")).to_have_text("Fabrikam Systems")
    shot(portal, "4-portal-home")
    portal_context.close()
