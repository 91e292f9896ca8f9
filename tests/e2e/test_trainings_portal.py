"""The portal's Trainings page in a real browser (PRG-6, PRG-12): the
partner administrator sees its people's certifications, the expiring one
highlighted, and records a completed training with its certificate file."""

import datetime as dt
import io
import os
from typing import Any

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import Page, expect

from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER, PARTNER_ADMINISTRATOR
from openprm.identity.models import Role, User
from openprm.partners.models import PartnerContact
from openprm.partners.services import (
    partner_contact_create,
    partner_contact_promote_to_resource,
    partner_contact_promote_to_user,
    partner_create,
)
from openprm.trainings.services import certification_create, certification_issue, training_create
from tests.e2e.conftest import sign_in
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.e2e
PASSWORD = "Portal-Horse-77"
SHOTS = os.environ.get("OPENPRM_SHOTS", "")


def _administrator(cam: User) -> tuple[PartnerContact, PartnerContact]:
    actor = as_actor(cam)
    partner = partner_create(
        actor=actor,
        data={"name": "Northwind Resellers"},
        primary_contact={"first_name": "Pat", "last_name": "Boss"},
        confirm_duplicates=True,
    )
    admin = PartnerContact.objects.get(partner=partner, is_primary=True)
    admin = partner_contact_promote_to_resource(
        actor=actor,
        contact=admin,
        role_id=Role.objects.get(code=PARTNER_ADMINISTRATOR).pk,
        expected_version=admin.version,
    )
    admin = partner_contact_promote_to_user(
        actor=actor,
        contact=admin,
        username="nw-admin",
        email="nw-admin@partner.example",
        expected_version=admin.version,
        base_url="http://testserver/",
    )
    admin.user.set_password(PASSWORD)
    admin.user.save()
    engineer = partner_contact_create(
        actor=actor,
        partner=partner,
        data={"first_name": "Eve", "last_name": "Engineer"},
        confirm_duplicates=True,
    )
    return admin, engineer


def test_prg_6_prg_12_the_administrator_records_a_training_in_the_portal(
    page: Page, settings: Any, tmp_path: Any
) -> None:
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    cam = make_user(CHANNEL_ACCOUNT_MANAGER, username="cam")
    _admin, engineer = _administrator(cam)
    actor = as_actor(cam)
    training = training_create(actor=actor, data={"code": "SEC-201", "name": "Firewall admin"})
    certification = certification_create(
        actor=actor, data={"code": "SCE", "name": "Security Engineer"}
    )
    today = timezone.localdate()
    held = certification_issue(
        actor=actor,
        holder_id=engineer.pk,
        certification_id=certification.pk,
        issued_on=today - dt.timedelta(days=700),
        expires_on=today + dt.timedelta(days=25),
    )
    certificate = tmp_path / "certificate.png"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    certificate.write_bytes(buffer.getvalue())

    sign_in(page, "nw-admin", PASSWORD)
    page.get_by_role("link", name="Trainings", exact=True).first.click()
    expect(page.get_by_role("heading", name="Trainings and certifications")).to_be_visible()
    expect(page.get_by_test_id("expiring-alert")).to_contain_text("Eve Engineer")
    expect(page.get_by_test_id(f"held-{held.pk}")).to_have_attribute("data-status", "expiring")
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/portal-trainings.png", full_page=True)

    page.get_by_role("link", name="Record a completed training").first.click()
    page.get_by_label("Person").select_option(label="Eve Engineer (Northwind Resellers)")
    page.get_by_label("Training").select_option(label=training.name)
    page.get_by_label("Completed on").fill((today - dt.timedelta(days=3)).isoformat())
    page.get_by_label("Certificate file").set_input_files(str(certificate))
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_text("Training recorded: Firewall admin — Eve Engineer.")).to_be_visible()
    row = page.get_by_test_id(f"person-{engineer.pk}")
    expect(row).to_contain_text("Firewall admin")
    expect(row.get_by_role("link", name="certificate")).to_be_visible()
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/portal-trainings-recorded.png", full_page=True)
