"""A scratch copy of an SQLite database for a dry run (issue 18), so the
run's writes never take the real database's write lock.

The copy is taken with SQLite's online backup, one read of a consistent
snapshot: in WAL mode it neither waits for writers nor makes them wait.
It costs one sequential read and write of the database file (its size in
free disk space beside it, for the length of the run). On PostgreSQL,
whose rolled-back transaction blocks no other writer of other rows, and
inside a transaction the caller already holds (it has the lock already,
and its own uncommitted rows could not be copied), the run stays in the
database itself.
"""

import sqlite3
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.utils import load_backend


@contextmanager
def on_a_scratch_copy() -> Iterator[None]:
    """Within the block this thread's default database is a copy of it,
    deleted when the block ends; other threads keep the real one."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        yield
        return
    real = connections[DEFAULT_DB_ALIAS]
    beside = None if real.is_in_memory_db() else Path(real.settings_dict["NAME"]).parent
    with tempfile.TemporaryDirectory(prefix="dry-run-", dir=beside) as folder:
        path = Path(folder) / "copy.sqlite3"
        real.ensure_connection()
        copy = sqlite3.connect(path)
        try:
            real.connection.backup(copy)
        finally:
            copy.close()
        backend = load_backend(real.settings_dict["ENGINE"])
        scratch = backend.DatabaseWrapper({**real.settings_dict, "NAME": path}, DEFAULT_DB_ALIAS)
        connections[DEFAULT_DB_ALIAS] = scratch
        try:
            yield
        finally:
            connections[DEFAULT_DB_ALIAS] = real
            scratch.close()
