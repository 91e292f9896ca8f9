"""IMP-3: an export reads SQLite with a small page cache and gives the
connection its own cache back afterwards (core.sqlite_pragmas), so a
1,000,000-row export stays within its memory bound while the pages a server
thread serves next keep their 64 MB cache."""

from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from openprm.core.exporters.models import ExportJob
from openprm.core.exporters.tabular import streamed
from openprm.core.sqlite_pragmas import EXPORT_CACHE_KIB, pragma_value, small_page_cache
from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.identity.models import User
from tests.factories import as_actor

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's page cache (PostgreSQL caches in the server)"
)


@pytest.mark.django_db
def test_imp_3_the_small_cache_holds_inside_the_block_and_the_old_one_returns() -> None:
    own = pragma_value("cache_size")
    with small_page_cache():
        assert pragma_value("cache_size") == -EXPORT_CACHE_KIB
    assert pragma_value("cache_size") == own
    with pytest.raises(RuntimeError), small_page_cache():
        raise RuntimeError("an export failing half-way")
    assert pragma_value("cache_size") == own


@pytest.mark.django_db
def test_imp_3_a_streamed_download_reads_its_rows_with_the_small_cache(
    salesperson: User,
) -> None:
    for number in range(3):
        account_create(
            actor=as_actor(salesperson), data={"name": f"Row {number}", "account_type": "customer"}
        )
    own = pragma_value("cache_size")
    rows = streamed(Account.objects.order_by("pk"), chunk_size=1)
    next(rows)
    assert pragma_value("cache_size") == -EXPORT_CACHE_KIB
    list(rows)
    assert pragma_value("cache_size") == own


def test_imp_3_a_background_export_reads_between_the_two_cache_settings(
    salesperson: User, client_for: Any, settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """The job's reads of the list all come after the cache is made small,
    and the connection has its own cache again once the file is written."""
    account_create(actor=as_actor(salesperson), data={"name": "Acme", "account_type": "customer"})
    settings.EXPORT_INLINE_ROWS = 0
    own = pragma_value("cache_size")
    with (
        CaptureQueriesContext(connection) as captured,
        django_capture_on_commit_callbacks(execute=True),
    ):
        client_for(salesperson).get("/customers/accounts/?export=xlsx")
    assert ExportJob.objects.get().status == ExportJob.Status.DONE
    statements = [query["sql"] for query in captured.captured_queries]
    small = statements.index(f"PRAGMA cache_size = {-EXPORT_CACHE_KIB}")
    restored = statements.index(f"PRAGMA cache_size = {own}")
    reads = [
        position
        for position, sql in enumerate(statements)
        if sql.startswith("SELECT") and '"customers_account"' in sql
    ]
    assert small < restored
    assert any(small < position < restored for position in reads)
    assert pragma_value("cache_size") == own
