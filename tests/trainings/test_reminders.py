"""Certification expiry reminders run by themselves (PRG-12): the holder and
the partner administrator are told 60, 30 and 7 days before, each reminder
once, naming the tier requirement the certification counts towards. The
clock is driven by passing `today`."""

import datetime as dt
from typing import Any

import pytest
from django.core import mail

from openprm.core.notifications.models import Notification
from openprm.core.schedule import registered
from openprm.identity.models import User
from openprm.programs.services import partnership_create, program_create, tier_create
from openprm.trainings.reminders import certifications_remind
from openprm.trainings.services import certification_issue, certification_revoke
from tests.factories import as_actor
from tests.trainings.conftest import CODE

pytestmark = pytest.mark.django_db
EXPIRES = dt.date(2026, 6, 30)


@pytest.fixture
def gold_program(channel_manager: User, two_partners: dict[str, Any]) -> None:
    """Northwind's program counts people certified NCA for Gold."""
    actor = as_actor(channel_manager)
    program = program_create(actor=actor, data={"code": "P", "name": "Partner Program"})
    tier_create(actor=actor, program=program, data={"name": "Registered"})
    tier_create(
        actor=actor,
        program=program,
        data={"name": "Gold"},
        requirements=[{"indicator": "certified_people", "parameter": CODE, "threshold": "2"}],
    )
    partnership_create(actor=actor, partner_id=two_partners["nw"].pk, program_id=program.pk)


def test_prg_12_reminders_at_60_30_and_7_days_each_once(
    channel_manager: User,
    two_partners: dict[str, Any],
    catalogue: dict[str, Any],
    gold_program: None,
) -> None:
    rep, admin = two_partners["nw_rep"], two_partners["nw_admin"]
    certification_issue(
        actor=as_actor(channel_manager),
        holder_id=rep.pk,
        certification_id=catalogue["certification"].pk,
        issued_on=dt.date(2024, 6, 30),
        expires_on=EXPIRES,
    )
    mail.outbox.clear()
    sent = {}
    for days_before in range(75, -3, -1):
        found = certifications_remind(today=EXPIRES - dt.timedelta(days=days_before))
        if found:
            sent[days_before] = found
    assert sent == {60: 1, 30: 1, 7: 1}
    assert len(mail.outbox) == 6  # the holder and the administrator, three times
    assert {m.to[0] for m in mail.outbox} == {rep.user.email, admin.user.email}
    assert {m.subject for m in mail.outbox} == {
        f"Certifications expire within {days} days" for days in (60, 30, 7)
    }
    body = mail.outbox[0].body
    assert "Network Certified Associate (NCA)" in body
    assert "It counts towards Gold: 2 certified people." in body
    assert "/portal/trainings/" in body
    assert Notification.objects.filter(recipient=rep.user).count() == 3


def test_prg_12_a_certification_found_late_gets_only_the_nearest_reminder(
    channel_manager: User, two_partners: dict[str, Any], catalogue: dict[str, Any]
) -> None:
    today = dt.date(2026, 3, 1)
    certification_issue(
        actor=as_actor(channel_manager),
        holder_id=two_partners["co_rep"].pk,
        certification_id=catalogue["certification"].pk,
        issued_on=dt.date(2025, 3, 1),
        expires_on=today + dt.timedelta(days=5),
    )
    mail.outbox.clear()
    assert certifications_remind(today=today) == 1
    assert certifications_remind(today=today) == 0
    assert certifications_remind(today=today + dt.timedelta(days=3)) == 0
    assert {m.subject for m in mail.outbox} == {"Certifications expire within 7 days"}
    # Contoso has no program: the reminder names no tier.
    assert "counts towards" not in mail.outbox[0].body


def test_prg_12_revoked_certifications_are_not_reminded(
    channel_manager: User, two_partners: dict[str, Any], catalogue: dict[str, Any]
) -> None:
    actor = as_actor(channel_manager)
    held = certification_issue(
        actor=actor,
        holder_id=two_partners["nw_rep"].pk,
        certification_id=catalogue["certification"].pk,
        issued_on=dt.date(2024, 6, 30),
        expires_on=EXPIRES,
    )
    certification_revoke(actor=actor, held=held, reason="Audit", expected_version=held.version)
    assert certifications_remind(today=EXPIRES - dt.timedelta(days=10)) == 0


def test_prg_12_the_reminders_are_a_periodic_task() -> None:
    assert "openprm.trainings.tasks.certification_reminders" in registered()
