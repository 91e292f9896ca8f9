"""TER-3 batch realignment of every account against every territory in a few
set-based statements, whatever the number of territories.

Each automatic territory's effective criteria (its own and its ancestors')
are expanded into match terms (`matching.match_terms`) and written to a
temporary table; one INSERT … SELECT joins the active accounts to the terms
on indexed equality per dimension (and a range for postal codes), one
statement per shape of term united in a single query. The difference with
the current automatic assignments is then one DELETE and one INSERT, and
the territory team members follow in two more (`sync_territory_team_members`).
Manual assignments are never removed; locked team members are kept.

System code: it runs on behalf of the rules, not of a user, so it reads and
writes unscoped.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from openprm.customers.models import Account
from openprm.territories.assignment import sync_territory_team_members
from openprm.territories.matching import (
    EQUALITY_DIMENSIONS,
    MatchTerm,
    automatic_rules,
    match_terms,
)
from openprm.territories.models import AccountTerritory

Progress = Callable[[int, int], None]
STEPS = 3
"""Match, write the assignments, follow with the teams: the progress units."""
TERMS = "territories_realign_terms"
MATCHES = "territories_realign_matches"
AUTO = AccountTerritory.Source.AUTO


def _create_work_tables(cursor: Any, terms: Iterable[MatchTerm]) -> list[str]:
    """Temporary tables (per connection, dropped afterwards); returns the shapes."""
    cursor.execute(f"DROP TABLE IF EXISTS {TERMS}")
    cursor.execute(f"DROP TABLE IF EXISTS {MATCHES}")
    cursor.execute(
        f"CREATE TEMPORARY TABLE {TERMS} (territory_id bigint NOT NULL, "
        "shape varchar(64) NOT NULL, country varchar(2), region varchar(100), "
        "industry varchar(60), size varchar(60), postal_from varchar(100), "
        "postal_to varchar(100))"
    )
    cursor.execute(
        f"CREATE TEMPORARY TABLE {MATCHES} (account_id bigint NOT NULL, "
        "territory_id bigint NOT NULL, PRIMARY KEY (account_id, territory_id))"
    )
    rows = [
        (
            t.territory_id,
            ",".join(t.shape),
            t.country,
            t.region,
            t.industry,
            t.size,
            t.postal_from,
            t.postal_to,
        )
        for t in terms
    ]
    cursor.executemany(
        f"INSERT INTO {TERMS} (territory_id, shape, country, region, industry, size, "  # noqa: S608
        "postal_from, postal_to) VALUES (%s, %s, %s, %s, %s, %s, %s, %s)",
        rows,
    )
    return sorted({row[1] for row in rows})


def _shape_select(shape: str) -> str:
    """Accounts matching the terms of one shape: equality on each set
    dimension, a range on the postal code."""
    conditions = [
        f"a.{name} = t.{name}" for name in shape.split(",") if name in EQUALITY_DIMENSIONS
    ]
    if "postal_from" in shape.split(","):
        conditions.append(
            "a.postal_code >= t.postal_from AND a.postal_code <= t.postal_to "
            "AND a.postal_code <> ''"
        )
    return (
        f"SELECT a.id, t.territory_id FROM {Account._meta.db_table} a "  # noqa: S608  names from _meta
        f"JOIN {TERMS} t ON t.shape = %s AND {' AND '.join(conditions)} "
        "WHERE a.is_active = %s"
    )


def _match(cursor: Any) -> None:
    shapes = _create_work_tables(
        cursor, (term for rule in automatic_rules() for term in match_terms(rule))
    )
    if connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {TERMS}")
    if shapes:
        selects = [_shape_select(shape) for shape in shapes]
        if len(selects) == 1:
            # Two terms of one shape (overlapping postal ranges of a
            # territory) match an account twice; UNION removes that when
            # there are several shapes.
            selects[0] = selects[0].replace("SELECT ", "SELECT DISTINCT ", 1)
        cursor.execute(
            f"INSERT INTO {MATCHES} (account_id, territory_id) " + " UNION ".join(selects),
            [value for shape in shapes for value in (shape, True)],
        )
    if connection.vendor == "postgresql":
        cursor.execute(f"ANALYZE {MATCHES}")


def _write_assignments(cursor: Any) -> tuple[int, int]:
    """The difference only: rows already right are not touched."""
    table = AccountTerritory._meta.db_table
    cursor.execute(
        f"DELETE FROM {table} WHERE source = %s AND NOT EXISTS (SELECT 1 FROM {MATCHES} m "  # noqa: S608
        f"WHERE m.account_id = {table}.account_id AND m.territory_id = {table}.territory_id)",
        [AUTO],
    )
    removed = max(cursor.rowcount, 0)
    now = timezone.now()
    cursor.execute(
        f"INSERT INTO {table} (territory_id, source, created_at, updated_at, account_id) "  # noqa: S608
        f"SELECT m.territory_id, %s, %s, %s, m.account_id FROM {MATCHES} m "
        f"WHERE NOT EXISTS (SELECT 1 FROM {table} x "
        "WHERE x.account_id = m.account_id AND x.territory_id = m.territory_id)",
        [AUTO, now, now],
    )
    return max(cursor.rowcount, 0), removed


def realign_all(progress: Progress | None = None) -> tuple[int, int]:
    """Realign every active account against every automatic territory (TER-3).

    Returns (assignments added, assignments removed).
    """
    report = progress or (lambda done, total: None)
    with connection.cursor() as cursor:
        try:
            with transaction.atomic():
                _match(cursor)
            report(1, STEPS)
            # One transaction: a run killed between the two left accounts
            # assigned without their territory's team members (no access).
            with transaction.atomic():
                added, removed = _write_assignments(cursor)
                sync_territory_team_members()
            report(STEPS, STEPS)
        finally:
            cursor.execute(f"DROP TABLE IF EXISTS {TERMS}")
            cursor.execute(f"DROP TABLE IF EXISTS {MATCHES}")
    return added, removed
