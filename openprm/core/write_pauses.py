"""Pauses that let other writers in while a long batch writes to SQLite.

SQLite has one write lock for the whole database, and every transaction
here takes it at BEGIN (IMMEDIATE, settings). A writer that finds it taken
waits in SQLite's busy handler, which sleeps between tries, up to 100 ms
each, until the connection's busy timeout (the database `OPTIONS`'
`timeout`, 20 s) has passed. A batch that commits one transaction after
another (each lead routed on its own, each import batch) takes the lock
again microseconds after it let it go, so the sleeping writer almost never
finds it free: a form saved while 10,000 leads were routed failed with
"database is locked".

A batch therefore pauses outside its transactions, after about a second of
work, for longer than the handler's longest sleep: every writer waiting
wakes within the pause and takes its turn, so a form save waits about a
second and never fails. PostgreSQL locks rows, not the database, and
never pauses.
"""

import time
from collections.abc import Iterable, Iterator
from typing import TypeVar

from django.db import DEFAULT_DB_ALIAS, connections

# About a second of a batch's work between two pauses: what a waiting
# writer waits at most, besides the transaction under way.
WORK_SECONDS = 1.0
# Longer than the busy handler's longest sleep (100 ms), so every waiting
# writer tries again while the lock is free.
PAUSE_SECONDS = 0.15

Item = TypeVar("Item")


def paused_for_writers(items: Iterable[Item], using: str = DEFAULT_DB_ALIAS) -> Iterator[Item]:
    """`items`, one at a time, for a batch that writes each (or each chunk)
    in a transaction of its own: on SQLite, before the next item, once
    WORK_SECONDS have passed since the last pause, sleep PAUSE_SECONDS.
    Never inside a transaction, where the lock would stay held through the
    pause (a batch run inside another's transaction, a test's)."""
    connection = connections[using]
    if connection.vendor != "sqlite":
        yield from items
        return
    since = time.monotonic()
    for item in items:
        if time.monotonic() - since >= WORK_SECONDS and not connection.in_atomic_block:
            time.sleep(PAUSE_SECONDS)
            since = time.monotonic()
        yield item
