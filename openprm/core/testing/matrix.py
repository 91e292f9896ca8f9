"""A permission matrix every app's tests reuse: who calls which route, expecting what.

Each row says who calls which route and what must come back. For a refused
write the named tables must be unchanged afterwards — a 403 that still
changed data is a failure — so the rows of those tables are snapshotted
before and after the call. All failures are collected and reported together,
so one run shows the whole matrix.

    run_matrix(
        {"admin": admin_client, "sales": sales_client, "anonymous": Client()},
        [
            Row("sales", "post", "/api/v1/users", 403, body={...}, unchanged=(User,)),
            Row("admin", "get", "/api/v1/users", 200),
        ],
    )
"""

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.db import models, transaction
from django.test import Client

WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})


@dataclass(frozen=True)
class Row:
    actor: str
    method: str
    path: str
    expected: int
    body: Mapping[str, Any] | None = None
    unchanged: Sequence[type[models.Model]] = field(default_factory=tuple)

    def label(self) -> str:
        return f"{self.actor:>12} {self.method.upper():6} {self.path} → {self.expected}"


def table_rows(model: type[models.Model]) -> list[dict[str, Any]]:
    """Every stored row of a table, in primary-key order (no access scope:
    the point is to see what really changed)."""
    return list(model._base_manager.order_by("pk").values())


def _call(client: Client, row: Row) -> Any:
    method = getattr(client, row.method.lower())
    if row.body is None:
        return method(row.path)
    return method(row.path, data=json.dumps(row.body), content_type="application/json")


def check_row(client: Client, row: Row) -> str | None:
    """One row; returns a failure description or None. Runs in a savepoint
    that is rolled back, so rows do not depend on each other's writes."""
    with transaction.atomic():
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
        transaction.set_rollback(True)
    return f"{row.label()}: {'; '.join(problems)}" if problems else None


def run_matrix(clients: Mapping[str, Client], rows: Sequence[Row]) -> None:
    """Check every row; fail once, listing every row that did not hold."""
    failures = [f for row in rows if (f := check_row(clients[row.actor], row)) is not None]
    assert not failures, "permission matrix failures:\n" + "\n".join(failures)
