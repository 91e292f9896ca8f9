"""How a run spares the machine: Python's cycle collector paused and
SQLite's checkpoints made rare while the batches are written."""

import gc
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager

from openprm.core.sqlite_pragmas import sqlite_pragma

IMPORT_CHECKPOINT_PAGES = 100_000


@contextmanager
def collector_paused() -> Iterator[None]:
    """A batch allocates hundreds of thousands of short-lived tuples and
    dicts, none in a reference cycle, and each burst made Python's cycle
    collector walk the run's growing caches (names, phones, keys) again:
    about a fifth of a contact import's time. The collector is off during
    the run; the caller collects the young generations after each batch,
    so a cycle made by a batch is still freed."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def rare_checkpoints() -> AbstractContextManager[None]:
    """SQLite copies its write-ahead log into the database file once the log
    passes `wal_autocheckpoint` pages, after nearly every batch of an import;
    checkpointing less often during the run saves that copy and its fsync.
    Committed batches stay durable in the log (a crash replays it)."""
    return sqlite_pragma("wal_autocheckpoint", IMPORT_CHECKPOINT_PAGES)
