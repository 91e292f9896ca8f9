"""The recruitment app's scheduled work, run by the server's task worker (core.schedule)."""

import datetime as dt

from django_tasks import task

from openprm.core.schedule import periodic
from openprm.recruitment.housekeeping import applications_expire


@periodic(every=dt.timedelta(hours=1))
@task()
def applications_housekeeping() -> None:
    """Expire unanswered applications; hourly, so a new day is acted on within the hour."""
    applications_expire()
