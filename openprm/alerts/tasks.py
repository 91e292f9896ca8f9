"""The alerts app's scheduled work, run by the server's task worker (core.schedule)."""

import datetime as dt

from django_tasks import task

from openprm.alerts.urgent import urgent_alerts_notify
from openprm.core.schedule import periodic


@periodic(every=dt.timedelta(minutes=15))
@task()
def urgent_alerts_announce() -> None:
    """An urgent alert reaches the partner administrators within a quarter of an hour of its start."""
    urgent_alerts_notify()
