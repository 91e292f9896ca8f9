"""The permission matrix: who calls which route, expecting what, and for a
refused write the tables that must stay unchanged."""

import copy
import json
from collections.abc import Collection, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, models, transaction
from django.test import Client

from openprm.core.testing.matrix.answers import leaks

WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})


@dataclass(frozen=True)
class Row:
    actor: str
    method: str
    path: str
    expected: int
    body: Mapping[str, Any] | None = None
    unchanged: Sequence[type[models.Model]] = field(default_factory=tuple)
    hidden: Collection[str] = ()

    def label(self) -> str:
        return f"{self.actor:>12} {self.method.upper():6} {self.path} → {self.expected}"


def table_rows(model: type[models.Model]) -> list[tuple[Any, ...]]:
    """Every stored row of a table, in primary-key order (no access scope:
    the point is to see what really changed). Read with plain SQL: a refused
    write is compared on every table of the installed apps, and building a
    query through the ORM for each cost more than the call it checks."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM {quote(model._meta.db_table)} "  # noqa: S608
            f"ORDER BY {quote(model._meta.pk.column)}"
        )
        return cursor.fetchall()


def _call(client: Client, row: Row) -> Any:
    method = getattr(client, row.method.lower())
    if row.body is None:
        return method(row.path)
    return method(row.path, data=json.dumps(row.body), content_type="application/json")


@contextmanager
def rolled_back(client: Client) -> Iterator[None]:
    """Undo a row afterwards — its writes (a savepoint rolled back) and the
    cookies it set (a flashed message) — so rows do not depend on each other."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies


def check_row(client: Client, row: Row) -> str | None:
    """One row; returns a failure description or None."""
    with rolled_back(client):
        before = {m: table_rows(m) for m in row.unchanged}
        response = _call(client, row)
        problems = []
        if response.status_code != row.expected:
            problems.append(
                f"got {response.status_code}: {response.content[:300].decode(errors='replace')}"
            )
        refused = response.status_code >= 400
        if refused and row.method.lower() in WRITE_METHODS:
            for model, rows in before.items():
                if table_rows(model) != rows:
                    problems.append(f"refused, yet {model.__name__} rows changed")
        if refused and response.get("Content-Type", "").startswith("application/json"):
            problems.append("an error must be problem JSON (application/problem+json)")
        problems += leaks(response, row.hidden)
    return f"{row.label()}: {'; '.join(problems)}" if problems else None


def run_matrix(clients: Mapping[str, Client], rows: Sequence[Row]) -> None:
    """Check every row; fail once, listing every row that did not hold."""
    failures = [f for row in rows if (f := check_row(clients[row.actor], row)) is not None]
    assert not failures, "permission matrix failures:\n" + "\n".join(failures)


# What an answer shows ---------------------------------------------------------
