"""Locks that serialize a duplicate check with the insert it guards.

A duplicate check (CON-2 contacts, CUS-1 accounts) reads and then the create
writes: two requests checking the same new record at once both found nothing
and both inserted (50 parallel creates of one e-mail made 3-8 contacts). A
create that checks therefore holds a lock on each natural key its new row
could be found by, from before the check until its transaction ends, so the
second check waits and then sees the first row.

PostgreSQL: one transaction-scoped advisory lock per key (a 64-bit BLAKE2b
hash of the key), taken in hash order so creates sharing keys cannot
deadlock, each under a shared "all keys" lock that a bulk writer takes
exclusively instead of thousands of key locks (the server's lock table holds
a few thousand, an import batch has up to 10,000 rows).

SQLite: every transaction begins IMMEDIATE (settings), so it already holds
the database's single write lock; there is nothing more to take.

A create the user confirmed despite duplicates needs no lock: whichever
concurrent check ran first, the outcome is one a serial order gives.
"""

import hashlib
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar

from django.core.exceptions import ImproperlyConfigured
from django.db import connection

ALL_KEYS = "all natural keys"
_bulk_held: ContextVar[bool] = ContextVar("natural_keys_bulk_held", default=False)


def _lock_id(key: str) -> int:
    """The advisory lock's bigint: BLAKE2b of the key, 8 bytes, signed."""
    digest = hashlib.blake2b(key.encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def _require_transaction() -> None:
    if not connection.in_atomic_block:
        raise RuntimeError("Natural-key locks are held until the transaction ends: use atomic().")
    if connection.vendor == "sqlite":
        mode = connection.settings_dict.get("OPTIONS", {}).get("transaction_mode")
        if mode != "IMMEDIATE":
            raise ImproperlyConfigured(
                "SQLite transactions must begin IMMEDIATE for duplicate checks to be exact."
            )


def natural_keys_lock(keys: Mapping[str, Iterable[str]]) -> None:
    """Hold the given keys (namespace -> normalized keys; blanks ignored)
    until the current transaction ends."""
    _require_transaction()
    wanted = {f"{space}:{key}" for space, values in keys.items() for key in values if key}
    if connection.vendor != "postgresql" or not wanted or _bulk_held.get():
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_advisory_xact_lock_shared(%s)", [_lock_id(ALL_KEYS)])
        for lock_id in sorted(_lock_id(key) for key in wanted):
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [lock_id])


@contextmanager
def natural_keys_bulk() -> Iterator[None]:
    """Hold every natural key at once for a bulk writer (an import batch that
    creates row by row through the services): one lock instead of one per
    key. Other creates wait for the transaction to end, as they do on SQLite.
    Must be entered before the transaction takes any key lock."""
    _require_transaction()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_lock_id(ALL_KEYS)])
    token = _bulk_held.set(True)
    try:
        yield
    finally:
        _bulk_held.reset(token)
