"""The alerts app's scheduled work, run by the server's task worker (core.schedule)."""

import datetime as dt

from django_tasks import task

from openprm.alerts.urgent import urgent_alerts_notify
from openprm.core.schedule import periodic


@periodic(every=dt.timedelta(minutes=15))
@task()
def urgent_alerts_announce() -> None:
    """Urgent alerts reach the partner administrators within 15 minutes of their start."""
    urgent_alerts_notify()
