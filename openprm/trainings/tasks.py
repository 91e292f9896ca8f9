"""The trainings app's scheduled work, run by the server's task worker (core.schedule)."""

import datetime as dt

from django_tasks import task

from openprm.core.schedule import periodic
from openprm.trainings.reminders import certifications_remind


@periodic(every=dt.timedelta(hours=6))
@task()
def certification_reminders() -> None:
    """Remind holders and partner administrators before certifications
    expire; every six hours, so a new day is acted on the same morning."""
    certifications_remind()
