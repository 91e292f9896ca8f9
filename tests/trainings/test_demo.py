"""The demo shows trainings and certifications in every status (PRG-6,
PRG-12): a catalogue, valid certifications, some expiring within 60 days,
one expired and one revoked."""

from typing import Any

import pytest
from django.utils import timezone

from openprm.demo.context import DemoContext
from openprm.identity import demo as identity_demo
from openprm.partners import demo as partners_demo
from openprm.trainings import demo
from openprm.trainings.models import HeldCertification, HeldStatus, Training, TrainingCompletion

pytestmark = pytest.mark.django_db


def test_demo_has_certifications_in_every_status(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    context = DemoContext(size="small")
    for seeder in (identity_demo, partners_demo, demo):
        seeder.seed(context)
    today = timezone.localdate()
    statuses = [held.status_on(today) for held in HeldCertification.objects.all()]
    assert set(statuses) == set(HeldStatus)
    assert statuses.count(HeldStatus.EXPIRED) == 1
    assert statuses.count(HeldStatus.REVOKED) == 1
    assert statuses.count(HeldStatus.EXPIRING) >= 2
    assert Training.objects.count() == len(demo.TRAININGS)
    assert TrainingCompletion.objects.exists()
