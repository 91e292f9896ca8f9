"""Django's database cache with counters that count right under concurrency
(PRG-10: the public application form's rate limit, django-ratelimit).

Django's DatabaseCache stores every value pickled and increments by reading
the value and writing it back, so two app servers (or threads) counting the
same address at once both write the same number: at 50 requests a second
five over the limit slipped through. Here an integer is stored as its
decimal text instead, `add` is one INSERT … ON CONFLICT that takes the key
only when it is missing or expired, and `incr` one UPDATE … SET value =
value + delta … RETURNING — each a single statement, atomic on SQLite
(3.35+) and PostgreSQL alike. Other values keep Django's pickled form.
"""

import datetime as dt
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router
from django.db.models import DateTimeField, Expression
from django.utils import timezone


def _is_counter(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _as_counter(stored: str) -> int | None:
    """The integer a counter row holds; None for a pickled value (its
    base64 text is never a plain decimal number)."""
    text = stored.strip()
    return int(text) if text.lstrip("-").isdigit() else None


class CounterDatabaseCache(DatabaseCache):
    """A DatabaseCache whose integer values are atomic counters."""

    def _connection_for(self, write: bool) -> Any:
        route = router.db_for_write if write else router.db_for_read
        return connections[route(self.cache_model_class)]

    def _expiry(self, connection: Any, timeout: Any) -> Any:
        seconds = self.get_backend_timeout(timeout)
        if seconds is None:
            return self._adapt(connection, dt.datetime.max.replace(tzinfo=dt.UTC))
        return self._adapt(connection, dt.datetime.fromtimestamp(seconds, tz=dt.UTC))

    def _adapt(self, connection: Any, moment: dt.datetime) -> Any:
        """Stored as Django's DatabaseCache stores it, to the second."""
        return connection.ops.adapt_datetimefield_value(moment.replace(microsecond=0))

    def add(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> bool:
        """Store a counter unless a live one exists, in one statement: two
        concurrent adds of the same key never both win."""
        if not _is_counter(value):
            return super().add(key, value, timeout, version)
        return self._store(key, value, timeout, version, only_over_expired=True)

    def set(
        self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: Any = None
    ) -> None:
        if not _is_counter(value):
            super().set(key, value, timeout, version)
            return
        self._store(key, value, timeout, version, only_over_expired=False)

    def _store(
        self, key: Any, value: int, timeout: Any, version: Any, *, only_over_expired: bool
    ) -> bool:
        """One INSERT … ON CONFLICT DO UPDATE; over a live row only for
        `set`. Culls like Django's cache once the table is over its size."""
        key = self.make_and_validate_key(key, version=version)
        connection = self._connection_for(write=True)
        quote = connection.ops.quote_name
        table = quote(self._table)
        now = timezone.now().replace(microsecond=0)
        condition = f" WHERE {table}.{quote('expires')} < %s" if only_over_expired else ""
        sql = (
            f"INSERT INTO {table} ({quote('cache_key')}, {quote('value')}, {quote('expires')}) "  # noqa: S608  quoted names, values as parameters
            f"VALUES (%s, %s, %s) ON CONFLICT ({quote('cache_key')}) DO UPDATE SET "
            f"{quote('value')} = excluded.{quote('value')}, "
            f"{quote('expires')} = excluded.{quote('expires')}"
            f"{condition} RETURNING {quote('cache_key')}"
        )
        params = [key, str(value), self._expiry(connection, timeout)]
        if only_over_expired:
            params.append(self._adapt(connection, now))
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608  a quoted name
            count = cursor.fetchone()[0]
            if count > self._max_entries:
                self._cull(connection.alias, cursor, now, count)
            cursor.execute(sql, params)
            return cursor.fetchone() is not None

    def incr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        """Add `delta` to a live counter in one UPDATE and answer the new
        value; a missing, expired or non-counter key is a ValueError, as
        Django's caches answer."""
        key = self.make_and_validate_key(key, version=version)
        connection = self._connection_for(write=True)
        quote = connection.ops.quote_name
        table, value = quote(self._table), quote("value")
        sql = (
            f"UPDATE {table} SET {value} = CAST(CAST({value} AS BIGINT) + %s AS TEXT) "  # noqa: S608  quoted names, values as parameters
            f"WHERE {quote('cache_key')} = %s AND {quote('expires')} >= %s "
            f"RETURNING {value}"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, [int(delta), key, self._adapt(connection, timezone.now())])
            row = cursor.fetchone()
        if row is None:
            raise ValueError(f"Key '{key}' not found.")
        return int(row[0])

    def decr(self, key: Any, delta: int = 1, version: Any = None) -> int:
        return self.incr(key, -delta, version)

    def get_many(self, keys: Any, version: Any = None) -> dict[Any, Any]:
        """Counters read as integers; other values as Django reads them."""
        if not keys:
            return {}
        key_map = {self.make_and_validate_key(key, version=version): key for key in keys}
        connection = self._connection_for(write=False)
        quote = connection.ops.quote_name
        placeholders = ", ".join(["%s"] * len(key_map))
        sql = (
            f"SELECT {quote('cache_key')}, {quote('value')}, {quote('expires')} "  # noqa: S608  quoted names, values as parameters
            f"FROM {quote(self._table)} WHERE {quote('cache_key')} IN ({placeholders})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, list(key_map))
            rows = cursor.fetchall()
        counters, others = {}, []
        expression = Expression(output_field=DateTimeField())
        converters = connection.ops.get_db_converters(expression) + expression.get_db_converters(
            connection
        )
        now = timezone.now()
        for cache_key, stored, expires in rows:
            for converter in converters:
                expires = converter(expires, expression, connection)
            number = _as_counter(connection.ops.process_clob(stored))
            if number is None:
                others.append(key_map[cache_key])
            elif expires >= now:
                counters[key_map[cache_key]] = number
        if others:
            counters.update(super().get_many(others, version))
        return counters
