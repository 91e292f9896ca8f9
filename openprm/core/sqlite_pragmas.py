"""SQLite settings for one piece of work on one connection, put back after.

The settings give every SQLite connection a 64 MB page cache
(`PRAGMA cache_size=-64000`): pages and the API read the same index pages
again and again, and a connection lives as long as its server thread. An
export reads each page of the list once, in order, so a large cache holds
nothing it will read again; it only grows with the table until it is full,
and at 1,000,000 contacts that was 62 MB of an export's peak memory
(docs/performance.md). `small_page_cache` caps the connection's cache while
an export reads and puts the connection's own value back afterwards, so the
pages a thread serves next keep their cache. An import checkpoints its
write-ahead log less often the same way (imports.services.run_tuning).
PostgreSQL keeps its cache in the server and is left alone.
"""

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from django.db import DEFAULT_DB_ALIAS, connections

# A negative cache_size is a size in KiB (SQLite's PRAGMA cache_size).
EXPORT_CACHE_KIB = 4000
# The integer settings a block may change; names are never taken from input.
PRAGMAS = frozenset({"cache_size", "wal_autocheckpoint"})


def pragma_value(name: str, using: str = DEFAULT_DB_ALIAS) -> int:
    """The connection's current value of an integer PRAGMA in PRAGMAS."""
    if name not in PRAGMAS:
        raise ValueError(f"not a setting this module changes: {name}")
    with connections[using].cursor() as cursor:
        cursor.execute(f"PRAGMA {name}")
        return int(cursor.fetchone()[0])


def _pragma_set(name: str, value: int, using: str) -> None:
    with connections[using].cursor() as cursor:
        cursor.execute(f"PRAGMA {name} = {int(value)}")


@contextmanager
def sqlite_pragma(name: str, value: int, using: str = DEFAULT_DB_ALIAS) -> Iterator[None]:
    """`PRAGMA name = value` inside the block, the connection's own value
    again after it (also when the block fails); nothing on other databases."""
    if connections[using].vendor != "sqlite":
        yield
        return
    before = pragma_value(name, using)
    _pragma_set(name, value, using)
    try:
        yield
    finally:
        _pragma_set(name, before, using)


def small_page_cache(
    using: str = DEFAULT_DB_ALIAS, kib: int = EXPORT_CACHE_KIB
) -> AbstractContextManager[None]:
    """The connection's page cache at most `kib` KiB inside the block.
    Lowering the size frees the pages above it at once (SQLite trims its
    cache to the new limit), so a connection that served pages before the
    export also drops to the small cache."""
    return sqlite_pragma("cache_size", -abs(int(kib)), using)
