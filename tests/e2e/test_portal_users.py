"""The partner administrator's users in a real browser (PRG-2, PRG-7,
PRG-13, the invitation rules of issue 16): the administrator invites a
colleague from the portal; the colleague opens the e-mailed link, sets a
password and signs in; the administrator makes it a power user; the used
link shows "This link has expired — ask your administrator" and asks for
a new one. The channel manager then switches the organization's portal
off, and the colleague's open session ends with the reason."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from playwright.sync_api import Browser, Page, expect

from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER, PARTNER_ADMINISTRATOR
from openprm.identity.models import Role, User
from openprm.partners.models import PartnerContact
from openprm.partners.services import (
    partner_contact_promote_to_resource,
    partner_contact_promote_to_user,
    partner_create,
    partner_portal_update,
)
from tests.e2e.conftest import SIGN_IN_TIMEOUT_MS, shot, sign_in
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.e2e

ADMIN_PASSWORD = "Admin-Horse-42"
NEW_PASSWORD = "Nina-Horse-77"
"""Where the pages are photographed when set (a look at them, no assertion)."""


def _partner_administrator() -> User:
    """Northwind Resellers, whose administrator Pat signs in; the brand
    owner allows it power users (PRG-13)."""
    manager = make_user(CHANNEL_ACCOUNT_MANAGER, username="chris", password=ADMIN_PASSWORD)
    cam = as_actor(manager)
    partner = partner_create(
        actor=cam,
        data={"name": "Northwind Resellers"},
        primary_contact={"first_name": "Pat", "last_name": "Boss"},
    )
    partner_portal_update(
        actor=cam, partner=partner, expected_version=partner.version, max_portal_user_type="power"
    )
    contact = PartnerContact.objects.get(partner=partner)
    contact = partner_contact_promote_to_resource(
        actor=cam,
        contact=contact,
        role_id=Role.objects.get(code=PARTNER_ADMINISTRATOR).pk,
        expected_version=contact.version,
    )
    contact = partner_contact_promote_to_user(
        actor=cam,
        contact=contact,
        username="pat",
        email="pat@northwind.example",
        expected_version=contact.version,
        base_url="http://testserver/",
        invite=False,
    )
    user = contact.user
    user.set_password(ADMIN_PASSWORD)
    user.save()
    return user


def test_prg_2_prg_13_partner_administrator_invites_and_manages_a_user(
    signed_in_page: Callable[[User, str], Page],
    browser: Browser,
    live_server: Any,
    settings: Any,
) -> None:
    """PRG-2, PRG-13: invite, first sign-in, power user, used link expired."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    page = signed_in_page(_partner_administrator(), ADMIN_PASSWORD)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Users").click()
    page.get_by_role("link", name="Invite a user").click()
    page.get_by_label("First name").fill("Nina")
    page.get_by_label("Last name").fill("Newman")
    page.get_by_label("E-mail").fill("nina@northwind.example")
    shot(page, "portal-user-invite")
    page.get_by_role("button", name="Send invitation").click()
    expect(
        page.get_by_text("Nina Newman is invited: the invitation e-mail was sent.")
    ).to_be_visible()
    users = page.get_by_test_id("portal-users")
    expect(users).to_contain_text("nina@northwind.example")
    expect(users).to_contain_text("Invited")
    shot(page, "portal-users")

    assert mail.outbox[-1].to == ["nina@northwind.example"]
    link = re.search(r"https?://\S+/portal/invitation/\S+/", mail.outbox[-1].body)
    assert link is not None
    invitee_context = browser.new_context(base_url=live_server.url)
    invitee = invitee_context.new_page()
    invitee.goto(link.group(0))
    invitee.locator("#id_new_password1").fill(NEW_PASSWORD)
    invitee.locator("#id_new_password2").fill(NEW_PASSWORD)
    invitee.get_by_role("button", name="Set password").click()
    expect(invitee.get_by_text("Your password is set.")).to_be_visible()
    invitee.get_by_label("Username").fill("nina@northwind.example")
    invitee.get_by_label("Password").fill(NEW_PASSWORD)
    invitee.get_by_role("button", name="Sign in").click()
    expect(invitee.get_by_test_id("portal-organization")).to_have_text(
        "Northwind Resellers", timeout=SIGN_IN_TIMEOUT_MS
    )

    page.reload()
    expect(page.get_by_test_id("portal-users")).to_contain_text("Active")
    page.get_by_role("link", name="Manage Nina Newman").click()
    shot(page, "portal-user-manage")
    page.get_by_label("Power user").check()
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Nina Newman saved.")).to_be_visible()
    expect(page.get_by_test_id("portal-users")).to_contain_text("Power user")

    page.get_by_test_id("portal-users").get_by_role("link", name="Nina Newman", exact=True).click()
    expect(page.get_by_test_id("contact-name")).to_have_text("Nina Newman")
    expect(page.get_by_test_id("contact-points")).to_contain_text("nina@northwind.example")
    expect(page.get_by_test_id("portal-status")).to_contain_text("Power user")
    shot(page, "portal-contact")

    invitee.goto(link.group(0))
    expect(invitee.get_by_test_id("invitation-expired")).to_contain_text(
        "This link has expired — ask your administrator"
    )
    shot(invitee, "portal-invitation-expired")
    invitee.get_by_role("button", name="Ask for a new link").click()
    expect(
        invitee.get_by_text("Your administrator was asked to send you a new link.")
    ).to_be_visible()

    manager_context = browser.new_context(base_url=live_server.url)
    manager = sign_in(manager_context.new_page(), "chris", ADMIN_PASSWORD)
    manager.get_by_role("navigation", name="Main").get_by_role(
        "link", name="Partners", exact=True
    ).click()
    manager.get_by_role("link", name="Northwind Resellers").click()
    expect(manager.get_by_test_id("portal-max-type")).to_have_text("Power user")
    shot(manager, "partner-portal-card")
    manager.get_by_role("link", name="Portal settings").click()
    manager.get_by_label("Portal enabled").uncheck()
    shot(manager, "partner-portal-settings")
    manager.get_by_role("button", name="Save").click()
    expect(manager.get_by_test_id("portal-enabled")).to_have_text("Switched off")
    invitee.goto("/portal/contacts/")
    expect(
        invitee.get_by_text("The partner portal is switched off for Northwind Resellers.")
    ).to_be_visible()
    manager_context.close()
    invitee_context.close()
