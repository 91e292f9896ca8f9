"""The trainings pages (PRG-6, PRG-12): the partner's Certifications tab
with statuses as badges, the certifications held filtered by status, the
forms that record, issue and revoke, and the portal's Trainings page where
only the partner administrator records completions."""

import datetime as dt
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from openprm.identity.models import User
from openprm.trainings.models import HeldCertification, TrainingCompletion
from openprm.trainings.panels import program_panel
from openprm.trainings.services import certification_issue
from tests.factories import as_actor
from tests.trainings.world import png

pytestmark = pytest.mark.django_db


def _client(user: User) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def expiring(
    channel_manager: User, two_partners: dict[str, Any], catalogue: dict[str, Any]
) -> HeldCertification:
    today = timezone.localdate()
    return certification_issue(
        actor=as_actor(channel_manager),
        holder_id=two_partners["nw_rep"].pk,
        certification_id=catalogue["certification"].pk,
        issued_on=today - dt.timedelta(days=700),
        expires_on=today + dt.timedelta(days=20),
    )


def test_prg_12_the_partner_tab_shows_people_with_status_badges(
    channel_manager: User, two_partners: dict[str, Any], expiring: HeldCertification
) -> None:
    page = _client(channel_manager).get(
        reverse("trainings:partner_certifications", args=[two_partners["nw"].pk])
    )
    text = page.content.decode()
    assert page.status_code == 200
    assert f'data-testid="held-{expiring.pk}" data-status="expiring"' in text
    assert "Issue a certification" in text
    assert reverse("trainings:held_revoke", args=[expiring.pk]) in text


def test_prg_12_the_held_list_filters_by_status(
    channel_manager: User, expiring: HeldCertification
) -> None:
    client = _client(channel_manager)
    shown = client.get(reverse("trainings:held_list") + "?status=expiring").content.decode()
    assert f'data-testid="held-{expiring.pk}"' in shown
    hidden = client.get(reverse("trainings:held_list") + "?status=expired").content.decode()
    assert f'data-testid="held-{expiring.pk}"' not in hidden


def test_prg_12_revoking_on_the_page_needs_a_reason(
    channel_manager: User, expiring: HeldCertification
) -> None:
    client = _client(channel_manager)
    url = reverse("trainings:held_revoke", args=[expiring.pk])
    refused = client.post(url, {"version": expiring.version, "reason": ""})
    assert refused.status_code == 200
    done = client.post(url, {"version": expiring.version, "reason": "Exam withdrawn"})
    assert done.status_code == 302
    expiring.refresh_from_db()
    assert (expiring.revoked_on, expiring.revoke_reason) == (
        timezone.localdate(),
        "Exam withdrawn",
    )


def test_prg_12_issuing_before_the_issue_date_is_refused_on_the_form(
    channel_manager: User, two_partners: dict[str, Any], catalogue: dict[str, Any]
) -> None:
    page = _client(channel_manager).post(
        reverse("trainings:held_create"),
        {
            "holder": two_partners["nw_rep"].pk,
            "certification": catalogue["certification"].pk,
            "issued_on": "2026-03-01",
            "expires_on": "2026-01-01",
        },
    )
    assert page.status_code == 200
    assert "cannot expire before it was issued" in page.content.decode()


def test_prg_6_the_partner_administrator_records_a_completion_in_the_portal(
    two_partners: dict[str, Any], catalogue: dict[str, Any], expiring: HeldCertification
) -> None:
    admin = _client(two_partners["nw_admin"].user)
    page = admin.get(reverse("portal:trainings")).content.decode()
    assert "Record a completed training" in page
    assert 'data-testid="expiring-alert"' in page
    form = admin.get(reverse("portal:training_completion_create")).content.decode()
    assert two_partners["co_rep"].person.full_name not in form
    saved = admin.post(
        reverse("portal:training_completion_create"),
        {
            "contact": two_partners["nw_rep"].pk,
            "training": catalogue["training"].pk,
            "completed_on": "2025-05-01",
            "evidence": png(),
        },
    )
    assert saved.status_code == 302
    assert TrainingCompletion.objects.get().evidence.name.endswith(".png")
    rep = _client(two_partners["nw_rep"].user)
    assert (
        "Record a completed training" not in rep.get(reverse("portal:trainings")).content.decode()
    )
    assert rep.get(reverse("portal:training_completion_create")).status_code == 403


def test_prg_8_prg_12_the_portal_home_shows_certifications_expiring(
    two_partners: dict[str, Any], expiring: HeldCertification
) -> None:
    home = _client(two_partners["nw_rep"].user).get(reverse("home")).content.decode()
    assert 'data-testid="home-certifications_expiring"' in home
    assert f'data-testid="expiring-{expiring.pk}"' in home
    other = _client(two_partners["co_admin"].user).get(reverse("home")).content.decode()
    assert f'data-testid="expiring-{expiring.pk}"' not in other


def test_prg_6_the_program_panel_counts_certified_people(
    two_partners: dict[str, Any], expiring: HeldCertification
) -> None:
    panel = program_panel(actor=as_actor(two_partners["nw_admin"].user))
    assert (panel["certified"], panel["people"]) == (1, 2)
    assert dict((s.value, n) for s, n in panel["statuses"])["expiring"] == 1
    assert program_panel(actor=as_actor(two_partners["co_admin"].user))["certified"] == 0
