"""The deals app's scheduled work, run by the server's task worker (core.schedule)."""

import datetime as dt

from django_tasks import task

from openprm.core.schedule import periodic
from openprm.deals.housekeeping import (
    registrations_escalate,
    registrations_expire,
    registrations_remind,
)
from openprm.deals.services.leads import offers_time_out


@periodic(every=dt.timedelta(hours=1))
@task()
def registrations_housekeeping() -> None:
    """Expire, remind and escalate; hourly, so a new day is acted on within the hour."""
    registrations_expire()
    registrations_remind()
    registrations_escalate()


@periodic(every=dt.timedelta(minutes=10))
@task()
def lead_offers_time_out() -> None:
    """Unanswered lead offers go to the next partner within ten minutes of their deadline."""
    offers_time_out()
