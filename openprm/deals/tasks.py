"""The deals app's scheduled work, run by the server's task worker (core.schedule)."""

import datetime as dt

from django_tasks import task

from openprm.core.schedule import periodic
from openprm.deals.housekeeping import (
    registrations_escalate,
    registrations_expire,
    registrations_remind,
)


@periodic(every=dt.timedelta(hours=1))
@task()
def registrations_housekeeping() -> None:
    """Expire, remind and escalate; hourly, so a new day is acted on within the hour."""
    registrations_expire()
    registrations_remind()
    registrations_escalate()
