"""The database's own upkeep, run by the server's worker like every other
periodic task."""

import datetime as dt

from django.db import connection
from django_tasks import task

from openprm.core.schedule import periodic

ANALYSIS_LIMIT = 1000
"""Rows SQLite samples per index: statistics in milliseconds, not minutes,
and close enough for choosing between indexes."""


@periodic(every=dt.timedelta(hours=24))
@task()
def query_statistics_refresh() -> None:
    """SQLite chooses between indexes from statistics only ANALYZE writes (a
    large import writes them for its tables). An index a later upgrade adds
    has none, and the planner may then prefer it where another index is far
    better: a partner's opportunities by stage read 4 ms through the
    stage index, 10 ms through the revenue one (docs/performance.md).
    PostgreSQL's autovacuum keeps its own statistics."""
    if connection.vendor != "sqlite":
        return
    with connection.cursor() as cursor:
        cursor.execute(f"PRAGMA analysis_limit = {ANALYSIS_LIMIT}")
        cursor.execute("ANALYZE")
