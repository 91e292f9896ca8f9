"""Set-based inserts for imports: the batch design that keeps imports near
raw database speed (IMP-1; DESIGN.md "Speed at scale").

Django's `bulk_create` spends most of its time preparing each field of each
object; here every column gets one adapter chosen once per table, rows are
plain tuples, and a batch goes to the database as one `executemany` (SQLite)
or one `COPY` (PostgreSQL). Primary keys are reserved up front, so related
rows (contact points, relationships, audit entries) can point at rows of the
same batch without reading anything back.
"""

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from operator import itemgetter
from typing import Any

from django.db import connection, models
from django.utils import timezone

Adapter = Callable[[Any], Any]
LOOKUP_CHUNK = 1000


def dump_json(value: Any) -> Any:
    """A JSON column's text, compact; the empty object is the common case."""
    if value is None:
        return None
    if value == {}:
        return "{}"
    return json.dumps(value, separators=(",", ":"))


class TableWriter:
    """Inserts rows given as `{attname: value}` into one model's table."""

    def __init__(self, model: type[models.Model]) -> None:
        self.model = model
        self.table = model._meta.db_table
        self.fields = [f for f in model._meta.concrete_fields if not f.generated]
        self.columns = [f.column for f in self.fields]
        self.attnames = [f.attname for f in self.fields]
        self.adapters: list[Adapter | None] = [self._adapter(f) for f in self.fields]

    @staticmethod
    def _adapter(field: models.Field[Any, Any]) -> Adapter | None:
        if isinstance(field, models.JSONField):
            return dump_json
        if isinstance(field, models.DateTimeField | models.DateField | models.DecimalField):
            ops = connection.ops
            return lambda value: field.get_db_prep_save(value, ops.connection)
        return None

    def defaults(self) -> dict[str, Any]:
        """Column defaults for one batch (timestamps taken once per batch)."""
        now = timezone.now()
        values: dict[str, Any] = {}
        for field in self.fields:
            if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
                values[field.attname] = now
            elif field.primary_key:
                values[field.attname] = None
            else:
                values[field.attname] = field.get_default()
        return values

    def insert(self, rows: Sequence[Mapping[str, Any]]) -> None:
        if not rows:
            return
        defaults = self.defaults()
        pk = self.model._meta.pk.attname
        # Without given keys the database numbers the rows (PostgreSQL
        # refuses a NULL primary key where SQLite would number it).
        keep = [pk in rows[0] or name != pk for name in self.attnames]
        plan = [
            (name, adapt, defaults[name] if adapt is None else adapt(defaults[name]))
            for name, adapt, kept in zip(self.attnames, self.adapters, keep, strict=True)
            if kept
        ]
        # Per row: its values over the adapted defaults, then the few
        # columns that need adapting, read out by one C-level getter.
        base = {name: default for name, _adapt, default in plan}
        adapted = [(name, adapt) for name, adapt, _default in plan if adapt is not None]
        values = _getter(list(base))
        tuples = []
        for row in rows:
            merged = base | row
            for name, adapt in adapted:
                if name in row:
                    merged[name] = adapt(row[name])
            tuples.append(values(merged))
        columns = [c for c, kept in zip(self.columns, keep, strict=True) if kept]
        insert_tuples(self.table, columns, tuples)

    def insert_values(self, names: Sequence[str], rows: Iterable[tuple[Any, ...]]) -> None:
        """Rows as tuples of database-ready values for the fields `names`
        (JSON already dumped, see `dump_json`); every other column gets its
        default, adapted once for the whole batch and appended to each tuple."""
        rows = rows if isinstance(rows, list) else list(rows)
        if not rows:
            return
        defaults = self.defaults()
        given = set(names)
        rest = [
            (column, default if adapt is None else adapt(default))
            for column, name, adapt, default in zip(
                self.columns, self.attnames, self.adapters, defaults.values(), strict=True
            )
            if name not in given and name != self.model._meta.pk.attname
        ]
        by_name = dict(zip(self.attnames, self.columns, strict=True))
        columns = [by_name[n] for n in names] + [c for c, _ in rest]
        tail = tuple(value for _, value in rest)
        insert_tuples(self.table, columns, [row + tail for row in rows] if tail else rows)


def _getter(names: list[str]) -> Callable[[Mapping[str, Any]], tuple[Any, ...]]:
    """The values of `names` in a mapping, as a tuple."""
    if len(names) == 1:
        (name,) = names
        return lambda mapping: (mapping[name],)
    return itemgetter(*names)


def insert_tuples(table: str, columns: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    """One executemany on SQLite, one COPY on PostgreSQL."""
    quote = connection.ops.quote_name
    column_list = ", ".join(quote(c) for c in columns)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {quote(table)} ({column_list}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        placeholders = ", ".join(["%s"] * len(columns))
        cursor.executemany(
            f"INSERT INTO {quote(table)} ({column_list}) VALUES ({placeholders})",  # noqa: S608
            list(rows),
        )


class Statistics:
    """Fresh PostgreSQL statistics for the tables an import grows.

    The planner plans a batch's lookups from the statistics autovacuum took
    when a table was smaller, often empty: the import-key lookup then
    filtered every key of the user instead of using the unique index,
    longer with each batch (docs/performance.md). A table is analyzed at the
    start of a batch once this run has added more rows than the statistics
    knew of, so a table that starts empty is analyzed about log2(batches)
    times and a big one not at all. SQLite plans without statistics unless
    asked to keep them, and is left alone.
    """

    def __init__(self, tracked: Iterable[type[models.Model]]) -> None:
        self.known: dict[str, float] = {}
        self.added: dict[str, int] = {}
        if connection.vendor != "postgresql":
            return
        tables = [m._meta.db_table for m in tracked]
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT relname, reltuples FROM pg_class WHERE relname = ANY(%s)", [tables]
            )
            self.known = {table: max(rows, 0) for table, rows in cursor.fetchall()}
        self.added = dict.fromkeys(self.known, 0)

    def grew(self, model: type[models.Model], rows: int) -> None:
        table = model._meta.db_table
        if table in self.added:
            self.added[table] += rows

    def refresh(self) -> None:
        stale = [t for t, added in self.added.items() if added > self.known[t]]
        if not stale:
            return
        with connection.cursor() as cursor:
            for table in stale:
                cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")
                self.known[table] += self.added[table]
                self.added[table] = 0


def in_values(column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
    """`column IN (…)` with its parameters, for the batch lookups written as
    SQL: the ORM prepares each of thousands of values one by one. PostgreSQL
    gets one array instead of thousands of parameters."""
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [list(values)]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", list(values)


def fetch_in(
    sql: str, params: Sequence[Any], column: str, values: Sequence[Any]
) -> list[tuple[Any, ...]]:
    """`sql` with `{in}` standing for `column IN values`, 1,000 values a
    query: for thousands at once PostgreSQL estimated a few rows a value and
    scanned the whole table (70 ms a batch at 400,000 contact points, 17 ms
    in chunks that probe the index)."""
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(values), LOOKUP_CHUNK):
        condition, chunk_params = in_values(column, values[start : start + LOOKUP_CHUNK])
        rows += fetch(sql.replace("{in}", condition), [*params, *chunk_params])
    return rows


def fetch(sql: str, params: Sequence[Any]) -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def reserve_ids(model: type[models.Model], count: int) -> list[int]:
    """`count` new primary keys for `model`, never reusing a deleted row's id.

    Must run inside the batch's transaction: on SQLite the transaction holds
    the write lock (IMMEDIATE mode), on PostgreSQL the sequence hands out the
    values atomically.
    """
    if count == 0:
        return []
    table = model._meta.db_table
    pk = model._meta.pk.column
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The sequence looked up once, not once a row (3x faster).
            cursor.execute(
                "WITH s AS MATERIALIZED (SELECT pg_get_serial_sequence(%s, %s)::regclass AS seq) "
                "SELECT nextval(s.seq) FROM s, generate_series(1, %s)",
                [table, pk, count],
            )
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT MAX({connection.ops.quote_name(pk)}) FROM {table}")  # noqa: S608
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [table])
        sequence = cursor.fetchone()
        start = max(highest, sequence[0] if sequence else 0) + 1
    return list(range(start, start + count))
