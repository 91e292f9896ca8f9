"""Threads with database connections of their own, on both databases, and
the partners' fixtures (two organizations with portal users)."""

import sqlite3
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connection

from tests.partners.conftest import make_partner, make_portal_user, two_partners

__all__ = ["in_thread", "make_partner", "make_portal_user", "two_partners"]


@pytest.fixture
def share_with_threads(tmp_path: Path, db: Any) -> Iterator[Callable[[], None]]:
    """Call it once the test's rows are written: from then on, new
    connections (other threads') see them. On PostgreSQL they already do
    (transactional tests commit); on SQLite new connections then open a file
    copy of the test database with the settings' PRAGMAs, as a deployment
    does: the shared in-memory test database answers "database table is
    locked" at once where a file database waits for the writer."""
    memory = connection.settings_dict["NAME"]

    def share() -> None:
        if connection.vendor != "sqlite":
            return
        connection.ensure_connection()
        copy = tmp_path / "threads.sqlite3"
        target = sqlite3.connect(copy)
        connection.connection.backup(target)
        target.close()
        connection.settings_dict["NAME"] = str(copy)

    try:
        yield share
    finally:
        connection.settings_dict["NAME"] = memory


def in_thread(query: Callable[[], Any]) -> Any:
    """`query`'s answer on a connection of its own (the threads' database)."""
    answer: list[Any] = []

    def run() -> None:
        try:
            answer.append(query())
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return answer[0]
