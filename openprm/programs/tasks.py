"""The programs app's scheduled work (core.schedule): each program is
evaluated on its own day (`Program.next_evaluation_on`, every
`evaluation_every_days`)."""

import datetime as dt

from django_tasks import task

from openprm.core.schedule import periodic
from openprm.programs.services import programs_evaluate_due


@periodic(every=dt.timedelta(hours=1))
@task()
def programs_evaluation() -> None:
    """Hourly, so a program's evaluation day is acted on within the hour."""
    programs_evaluate_due()
