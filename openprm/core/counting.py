"""Counts a page can afford on any table size.

A home block or a search group says how many records it holds, but an
exact count of a salesperson's thirty thousand accounts, or of every
contact whose name starts with "ma", costs more than the rest of the page.
Such counts stop at COUNT_CAP + 1 rows (a LIMIT inside the COUNT, answered
from the index) and show as "1,000+". The counts a page shows side by side
are read together, in one statement (`grouped_counts`).
"""

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist
from django.db import connections
from django.db.models import Aggregate, Count, Field, Q, QuerySet, Value
from django.db.models.expressions import RawSQL
from django.utils import formats

COUNT_CAP = 1000
TODO_CAP = 100
ONE = Value(1)


def capped_count(rows: QuerySet[Any], cap: int = COUNT_CAP) -> int:
    """How many rows match, counted up to `cap` + 1."""
    return rows.order_by().values("pk")[: cap + 1].count()


def count_text(count: int, cap: int = COUNT_CAP) -> str:
    """`count` as a page shows it: "1,000+" once it passed its cap."""
    if count > cap:
        return formats.number_format(cap, force_grouping=True) + "+"
    return formats.number_format(count, force_grouping=True)


Counted = Q | Aggregate | None
"""One count over a group's rows: those matching a condition, an aggregate
of its own (a distinct count), or None for all of them."""


def capped(rows: QuerySet[Any], cap: int = COUNT_CAP) -> QuerySet[Any]:
    """`rows` as a group of `grouped_counts` counted up to `cap` + 1, as
    `capped_count` counts them."""
    return rows.order_by().values("pk")[: cap + 1]


def grouped_counts(*groups: tuple[QuerySet[Any], Mapping[str, Counted]]) -> dict[str, int]:
    """Several counts in one statement. Each group is a queryset and the
    counts over it by name, read in one pass (conditional aggregation:
    COUNT(*) FILTER (WHERE …)); the groups, one row each, are joined side
    by side. A page with a tile per count (by status, by stage, waiting
    work) then costs one round trip instead of one per tile, which is most
    of its time on a database across the network. A sliced group
    (`capped`) holds one count, of its rows up to the slice."""
    parts, params, names = [], [], []
    for n, (rows, counts) in enumerate(groups):
        sql, group_params = _group_sql(rows, counts)
        parts.append(f"({sql}) counted_{n}")
        params.extend(group_params)
        names.extend(counts)
    if len(set(names)) != len(names):
        raise ValueError(f"a count is named twice: {names}")
    with connections[groups[0][0].db].cursor() as cursor:
        cursor.execute("SELECT * FROM " + ", ".join(parts), params)  # noqa: S608  ORM-built SQL
        row = cursor.fetchone()
    return {name: int(value or 0) for name, value in zip(names, row, strict=True)}


def _group_sql(rows: QuerySet[Any], counts: Mapping[str, Counted]) -> tuple[str, tuple[Any, ...]]:
    quote = connections[rows.db].ops.quote_name
    by_value = _by_value(rows, counts)
    if by_value is not None:
        return _by_value_sql(rows, *by_value)
    if rows.query.is_sliced:
        if len(counts) != 1 or None not in counts.values():
            raise ValueError("a capped group counts its rows, once")
        sql, params = rows.query.sql_with_params()
        name = quote(next(iter(counts)))
        return f"SELECT COUNT(*) AS {name} FROM ({sql}) capped", params  # noqa: S608  ORM-built SQL
    # COUNT(1) rather than COUNT(id): PostgreSQL's indexes do not hold the
    # primary key, so counting it reads every row from the table, where a
    # constant lets counts by stage be read from an index on (partner, stage)
    # alone: 50,000 opportunities 11 -> 4 ms (docs/performance.md).
    aggregates = {
        name: Count("*") if how is None else Count(ONE, filter=how) if isinstance(how, Q) else how
        for name, how in counts.items()
    }
    query = rows.order_by().query.chain()
    query.default_cols = False
    query.select_related = False
    for name, aggregate in aggregates.items():
        query.add_annotation(aggregate, name, select=True)
    query.set_annotation_mask(aggregates)
    query.set_extra_mask(())
    return query.sql_with_params()


def _by_value(
    rows: QuerySet[Any], counts: Mapping[str, Counted]
) -> tuple[Field[Any, Any], dict[str, Any]] | None:
    """The column a group's counts each compare with one value (counts by
    status, by stage) and each count's value, or None when they count
    anything else."""
    names, values = set(), {}
    for name, how in counts.items():
        if not isinstance(how, Q) or how.negated or len(how.children) != 1:
            return None
        child = how.children[0]
        if not isinstance(child, tuple) or child[1] is None:
            return None
        names.add(child[0].removesuffix("__exact"))
        values[name] = child[1]
    if len(names) != 1 or rows.query.is_sliced:
        return None
    try:
        field = rows.model._meta.get_field(names.pop())
    except FieldDoesNotExist:
        return None
    if not field.concrete or field.is_relation:
        return None
    return field, values


def _by_value_sql(
    rows: QuerySet[Any], field: Field[Any, Any], values: dict[str, Any]
) -> tuple[str, tuple[Any, ...]]:
    """Counts by the values of one column, grouped by the database first and
    picked from the few grouped rows: one filter per row and count over
    50,000 opportunities cost PostgreSQL 6.1 ms, grouping them 3.8
    (docs/performance.md)."""
    connection = connections[rows.db]
    quote = connection.ops.quote_name
    grouped = rows.order_by().values(field.name).annotate(counted=Count(ONE))
    sql, params = grouped.query.sql_with_params()
    column = f"grouped.{quote(field.column)}"
    select = ", ".join(
        f"SUM(CASE WHEN {column} = %s THEN grouped.counted END) AS {quote(name)}" for name in values
    )
    picked = tuple(field.get_db_prep_value(value, connection) for value in values.values())
    return f"SELECT {select} FROM ({sql}) grouped", (*picked, *params)  # noqa: S608  ORM-built SQL


def first_and_count(
    rows: QuerySet[Any], shown: int, cap: int | None = TODO_CAP
) -> tuple[list[Any], int]:
    """The first `shown` rows and how many there are (up to `cap` + 1; all
    with None) in one statement: the count rides on each row as a subquery
    that names no outer column, so the database evaluates it once. Without
    a row there is nothing to count."""
    counted = rows.order_by().values("pk")
    if cap is not None:
        counted = counted[: cap + 1]
    sql, params = counted.query.sql_with_params()
    count_sql = f"SELECT COUNT(*) FROM ({sql}) counted"  # noqa: S608  ORM-built SQL
    total = RawSQL(count_sql, params)  # noqa: S611  ORM-built SQL
    first = list(rows.annotate(counted_total=total)[:shown])
    return first, first[0].counted_total if first else 0
