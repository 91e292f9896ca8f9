"""The whole recruitment in real browsers, one walk (PRG-1, PRG-10, PRG-7,
PRG-8): a visitor applies through a campaign link on the public Become a
partner page and follows the private status link; the channel manager sees
the customer account it already knows as a duplicate candidate, links it and
approves; the invitation e-mail's single-use link sets the new
administrator's password; at first sign-in the portal home shows the alert
the channel manager aimed at the program, and the program page shows the
tier and the progress to the next one. The used link then only says it has
expired."""

import re
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Browser, expect

from openprm.customers.services import account_create
from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER
from openprm.programs.services import program_create, tier_create
from openprm.recruitment.models import Application
from openprm.recruitment.services import campaign_create
from tests.e2e.conftest import SIGN_IN_TIMEOUT_MS, new_tab, shot, signed_in_tab
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.e2e

PASSWORD = "Correct-Horse-42"
PORTAL_PASSWORD = "Portal-Horse-77"
"""Where the pages are photographed when set (a look at them, no assertion)."""


def test_recruitment_to_portal_home(browser: Browser, live_server: Any, settings: Any) -> None:
    """PRG-1, PRG-10, PRG-7, PRG-8: public page → approval → invitation →
    first sign-in → portal home with the program's alert → program page."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    manager = make_user(CHANNEL_ACCOUNT_MANAGER, username="cam", password=PASSWORD)
    cam = as_actor(manager)
    program = program_create(
        actor=cam,
        data={
            "code": "RESELL",
            "name": "Reseller Program",
            "summary": "Resell our network gear.",
            "benefits": "Deal protection\nPartner discounts",
        },
    )
    tier_create(actor=cam, program=program, data={"name": "Registered", "margin_percent": 10})
    tier_create(
        actor=cam,
        program=program,
        data={"name": "Gold", "margin_percent": 20},
        requirements=[
            {"indicator": "closed_won_revenue", "threshold": "100000", "window_months": 12}
        ],
    )
    campaign_create(actor=cam, data={"code": "expo", "name": "Network Expo 2026"})
    account_create(
        actor=cam,
        data={"name": "Fabrikam Systems", "country": "DE", "account_type": "PROSPECT"},
    )

    # The visitor, through the campaign link.
    visitor = new_tab(browser, live_server)
    visitor.goto("/portal/become-a-partner/?campaign=expo")
    card = visitor.get_by_test_id("program-RESELL")
    expect(card).to_contain_text("Reseller Program")
    expect(card).to_contain_text("Gold")
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

    # The channel manager: duplicate candidate, link, approve; then the alert.
    page = signed_in_tab(browser, live_server, manager.username, PASSWORD)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Applications").click()
    page.get_by_role("link", name="Fabrikam Systems").click()
    applicant = page.get_by_test_id("applicant")
    expect(applicant).to_contain_text("Network Expo 2026")
    expect(page.get_by_test_id("duplicate-badge")).to_have_text("1 duplicate candidate")
    candidate = page.get_by_test_id("duplicate-candidates").get_by_test_id("candidate")
    expect(candidate).to_contain_text("Fabrikam Systems")
    expect(candidate).to_contain_text("Why it matched:")
    page.get_by_role("button", name="Start review").click()
    expect(page.get_by_text("You are reviewing Fabrikam Systems.")).to_be_visible()
    shot(page, "3-approval-duplicates")
    candidate.get_by_role("button", name="It is this account: link it").click()
    expect(page.get_by_test_id("linked-account")).to_have_text("Fabrikam Systems")
    shot(page, "4-approval-linked")
    page.get_by_test_id("approve-form").get_by_role("button", name="Approve").click()
    expect(page.get_by_text("is a partner now; the invitation is on its way.")).to_be_visible()
    expect(page.get_by_test_id("partner-link")).to_have_text("Fabrikam Systems")

    page.goto("/alerts/new/")
    page.get_by_label("Title").fill("Reseller Program: 12% extra margin on switches")
    page.get_by_label("Message").fill("Until the end of the quarter, for every reseller.")
    page.get_by_label("Important").check()
    page.get_by_label("Chosen programs").check()
    page.get_by_role("checkbox", name="Reseller Program", exact=True).check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("is saved: partners see it from its first day.")).to_be_visible()

    visitor.goto(status_url)
    expect(visitor.get_by_test_id("application-state")).to_have_text("Approved")
    visitor.context.close()
    assert Application.objects.values_list("campaign__code", "account__name").get() == (
        "expo",
        "Fabrikam Systems",
    )

    # The new administrator: the invitation, the first sign-in, the portal.
    assert mail.outbox[-1].to == ["ada@fabrikam.example"]
    link = re.search(r"https?://\S+/portal/invitation/\S+/", mail.outbox[-1].body)
    assert link is not None
    portal = new_tab(browser, live_server)
    portal.goto(link.group(0))
    portal.locator("#id_new_password1").fill(PORTAL_PASSWORD)
    portal.locator("#id_new_password2").fill(PORTAL_PASSWORD)
    portal.get_by_role("button", name="Set password").click()
    expect(portal.get_by_text("Your password is set.")).to_be_visible()
    portal.get_by_label("Username").fill("ada@fabrikam.example")
    portal.get_by_label("Password").fill(PORTAL_PASSWORD)
    portal.get_by_role("button", name="Sign in").click()
    expect(portal.get_by_test_id("portal-organization")).to_have_text(
        "Fabrikam Systems", timeout=SIGN_IN_TIMEOUT_MS
    )
    expect(portal.get_by_text("12% extra margin on switches")).to_be_visible()
    expect(portal.get_by_test_id("home-leads_by_status")).to_be_visible()
    expect(portal.get_by_test_id("home-tier_progress")).to_contain_text("Progress to Gold")
    shot(portal, "5-portal-home")

    portal.get_by_role("navigation", name="Main").get_by_role("link", name="Program").click()
    expect(portal.get_by_test_id("current-tier")).to_contain_text("Your tier: Registered")
    expect(portal.get_by_test_id("progress")).to_contain_text("Progress to Gold")
    expect(portal.get_by_test_id("summary")).to_have_text(
        "$100,000 more closed-won revenue to reach Gold"
    )
    shot(portal, "6-portal-program")

    portal.goto(link.group(0))
    expect(portal.get_by_test_id("invitation-expired")).to_contain_text(
        "This link has expired — ask your administrator"
    )
    shot(portal, "7-invitation-used")
