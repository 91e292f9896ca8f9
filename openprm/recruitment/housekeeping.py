"""The application clock (PRG-10): an application whose question to the
applicant stays unanswered for ZPR_APPLICATION_ANSWER_DAYS expires by
itself. One set-based pass, safe to run again: an expired application no
longer waits for an answer."""

import datetime as dt

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from openprm.core.actor import ANONYMOUS
from openprm.core.events import publish
from openprm.core.options.selectors import profile_option_value
from openprm.recruitment.catalog import ANSWER_DAYS
from openprm.recruitment.events import ApplicationExpired
from openprm.recruitment.models import Application

State = Application.State


def answer_days() -> int:
    try:
        return max(int(profile_option_value(ANSWER_DAYS)), 1)
    except ValueError:
        return 30


def applications_expire(now: dt.datetime | None = None) -> int:
    """Expire the applications whose question is older than the answer days."""
    now = now or timezone.now()
    cutoff = now - dt.timedelta(days=answer_days())
    with transaction.atomic():
        due = list(
            Application.objects.filter(
                state=State.INFO_REQUESTED, info_requested_at__lt=cutoff
            ).values_list("pk", flat=True)
        )
        if not due:
            return 0
        Application.objects.filter(pk__in=due).update(
            state=State.EXPIRED, version=F("version") + 1, updated_at=now, decided_at=now
        )
        for application in Application.objects.filter(pk__in=due):
            publish(ApplicationExpired(actor=ANONYMOUS, record=application))
    return len(due)
