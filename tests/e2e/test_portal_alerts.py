"""A partner user's portal home in a real browser (PRG-8, PRG-7): the alert
aimed at its organization shows at the top with the dashboard's charts
drawn; dismissed, it stays gone after a reload while the Alerts page still
lists it; a user of another partner never sees it."""

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from openprm.alerts.services import alert_create
from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER, PARTNER_ADMINISTRATOR
from openprm.identity.models import Role
from openprm.identity.services import user_set_password
from openprm.partners.models import PartnerContact
from openprm.partners.services import (
    partner_contact_promote_to_resource,
    partner_contact_promote_to_user,
    partner_create,
)
from tests.e2e.conftest import TIMEOUT_MS, sign_in
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.e2e
PASSWORD = "Portal-Horse-77"


def portal_admin(cam: Any, name: str, username: str) -> Any:
    partner = partner_create(
        actor=cam, data={"name": name}, primary_contact={"last_name": f"{name} Boss"}
    )
    contact = PartnerContact.objects.get(partner=partner, is_primary=True)
    contact = partner_contact_promote_to_resource(
        actor=cam,
        contact=contact,
        role_id=Role.objects.get(code=PARTNER_ADMINISTRATOR).pk,
        expected_version=contact.version,
    )
    contact = partner_contact_promote_to_user(
        actor=cam,
        contact=contact,
        username=username,
        email=f"{username}@partners.example",
        expected_version=contact.version,
        base_url="http://testserver/",
        invite=False,
    )
    user_set_password(actor=as_actor(contact.user), user=contact.user, password=PASSWORD)
    return partner, contact.user


def test_prg_8_a_partner_dismisses_its_alert_and_another_partner_never_sees_it(
    page: Page, browser: Browser, live_server: Any
) -> None:
    cam = as_actor(make_user(CHANNEL_ACCOUNT_MANAGER, username="chris"))
    northwind, nora = portal_admin(cam, "Northwind Resellers", "nora")
    _contoso, carla = portal_admin(cam, "Contoso Distribution", "carla")
    today = timezone.localdate()
    alert = alert_create(
        actor=cam,
        data={
            "title": "Northwind: 12% extra margin on switches",
            "body": "Until the end of the quarter.",
            "priority": "important",
            "starts_on": today,
            "ends_on": today + dt.timedelta(days=30),
            "target": "partners",
        },
        partners=[northwind.pk],
    )

    sign_in(page, nora.username, PASSWORD)
    card = page.get_by_test_id(f"alert-{alert.pk}")
    expect(card).to_contain_text("12% extra margin on switches")
    expect(page.get_by_test_id("home-leads_by_status")).to_be_visible()
    card.get_by_role("button", name="Dismiss").click()
    expect(page.get_by_text("is dismissed. It stays listed under Alerts.")).to_be_visible()
    expect(page.get_by_test_id(f"alert-{alert.pk}")).to_have_count(0)
    page.reload()
    expect(page.get_by_test_id("home-organization")).to_be_visible()
    expect(page.get_by_test_id(f"alert-{alert.pk}")).to_have_count(0)
    page.get_by_role("link", name="Alerts", exact=True).click()
    expect(page.get_by_test_id(f"dismissed-{alert.pk}")).to_be_visible()

    other = browser.new_context(base_url=live_server.url)
    other.set_default_timeout(TIMEOUT_MS)
    tab = sign_in(other.new_page(), carla.username, PASSWORD)
    expect(tab.get_by_test_id("home-organization")).to_be_visible()
    expect(tab.get_by_test_id(f"alert-{alert.pk}")).to_have_count(0)
    expect(tab.get_by_text("12% extra margin on switches")).to_have_count(0)
    answer = tab.goto(f"/portal/alerts/{alert.pk}/")
    assert answer is not None
    assert answer.status == 404
    other.close()
