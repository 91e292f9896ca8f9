"""The database's upkeep runs by itself (core.tasks)."""

import pytest
from django.db import connection

from openprm.core.schedule import registered
from openprm.core.tasks import query_statistics_refresh

pytestmark = pytest.mark.django_db


def test_query_statistics_are_refreshed_by_a_periodic_task() -> None:
    assert "openprm.core.tasks.query_statistics_refresh" in registered()


@pytest.mark.skipif(connection.vendor != "sqlite", reason="PostgreSQL's autovacuum analyzes")
def test_an_index_without_statistics_gets_them_at_the_next_refresh() -> None:
    """An index an upgrade added after the last ANALYZE has statistics once
    the task ran, so the planner weighs it like the others."""
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE upkeep_rows (kind TEXT, size INTEGER)")
        cursor.executemany("INSERT INTO upkeep_rows VALUES (%s, %s)", [("a", n) for n in range(50)])
        cursor.execute("ANALYZE")
        cursor.execute("CREATE INDEX upkeep_probe ON upkeep_rows (kind, size)")
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE idx = 'upkeep_probe'")
        assert cursor.fetchone()[0] == 0
    query_statistics_refresh.call()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM sqlite_stat1 WHERE idx = 'upkeep_probe'")
        assert cursor.fetchone()[0] == 1
