"""A channel manager's partner walk in a real browser (PA-2, PA-6, PC-2,
PC-5, PRG-7): create a partner with its primary contact, promote a second
contact to resource and then to portal user; the user follows the
invitation link, sets a password, signs into the portal and sees only its
own organization; the manager deletes the contact and the user's next
request is signed out."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER
from openprm.identity.models import User
from openprm.partners.services import partner_create
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.e2e

PASSWORD = "Correct-Horse-42"
PORTAL_PASSWORD = "Portal-Horse-77"


def test_pa_pc_prg_7_partner_flow(
    signed_in_page: Callable[[User, str], Page],
    browser: Browser,
    live_server: Any,
    settings: Any,
) -> None:
    """PRG-7: partner flow."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    manager = make_user(CHANNEL_ACCOUNT_MANAGER, username="chris", password=PASSWORD)
    other = partner_create(
        actor=as_actor(manager),
        data={"name": "Contoso Distribution"},
        primary_contact={"last_name": "Contoso Boss"},
    )
    page = signed_in_page(manager, PASSWORD)

    page.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Partners", exact=True
    ).click()
    page.get_by_role("link", name="New partner").click()
    expect(page.get_by_label("Type")).to_have_count(0)
    page.locator("#id_name").fill("Northwind Resellers")
    page.get_by_label("Primary contact first name").fill("Pat")
    page.get_by_label("Primary contact last name").fill("Boss")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Partner “Northwind Resellers” created.")).to_be_visible()
    expect(page.get_by_test_id("partner-status")).to_have_text("Active")

    page.get_by_role("tab", name="Contacts").click()
    expect(page.get_by_test_id("contact-boss")).to_contain_text("Partner Administrator")
    page.get_by_label("First name").fill("Rita")
    page.get_by_label("Last name").fill("Rep")
    page.get_by_label("E-mail").fill("rita@northwind.example")
    page.get_by_role("button", name="Add contact").click()
    expect(page.get_by_text("Partner contact added.")).to_be_visible()

    page.get_by_test_id("contact-rep").get_by_role("link", name="Make resource").click()
    page.get_by_label("Role").select_option(label="Partner Sales Representative")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("contact-rep")).to_contain_text("Partner resource")

    page.get_by_test_id("contact-rep").get_by_role("link", name="Give portal user").click()
    page.get_by_label("User name").fill("rita")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Portal user created; the invitation was sent.")).to_be_visible()
    expect(page.get_by_test_id("contact-rep")).to_contain_text("Partner user")

    assert mail.outbox[-1].to == ["rita@northwind.example"]
    link = re.search(r"https?://\S+/portal/invitation/\S+/", mail.outbox[-1].body)
    assert link is not None

    portal_context = browser.new_context(base_url=live_server.url)
    portal = portal_context.new_page()
    portal.goto(link.group(0))
    portal.locator("#id_new_password1").fill(PORTAL_PASSWORD)
    portal.locator("#id_new_password2").fill(PORTAL_PASSWORD)
    portal.get_by_role("button", name="Set password").click()
    expect(portal.get_by_text("Your password is set.")).to_be_visible()
    portal.get_by_label("Username").fill("rita")
    portal.get_by_label("Password").fill(PORTAL_PASSWORD)
    portal.get_by_role("button", name="Sign in").click()
    expect(portal.get_by_role("banner")).to_contain_text("Partner Portal")
    expect(portal.get_by_test_id("portal-organization")).to_have_text("Northwind Resellers")

    portal.get_by_role("navigation", name="Main").get_by_role("link", name="Organization").click()
    expect(portal.get_by_test_id("organization-name")).to_have_text("Northwind Resellers")
    portal.get_by_role("navigation", name="Main").get_by_role("link", name="Contacts").click()
    expect(portal.get_by_test_id("portal-contacts")).to_contain_text("Rita Rep")
    expect(portal.get_by_test_id("portal-contacts")).not_to_contain_text("Contoso")
    response = portal.goto(f"/partners/{other.pk}/")
    assert response is not None
    assert response.status == 404
    api = portal.request.get(f"/api/v1/partners/{other.pk}")
    assert api.status == 404

    page.get_by_test_id("contact-rep").get_by_role("link", name="Delete").click()
    expect(page.get_by_text("The portal user rita will be deactivated at once.")).to_be_visible()
    page.get_by_role("button", name="Delete").click()
    expect(page.get_by_text("Partner contact Rita Rep deleted.")).to_be_visible()

    portal.goto("/portal/organization/")
    expect(portal).to_have_url(re.compile(r"sign-in"))
    portal_context.close()
