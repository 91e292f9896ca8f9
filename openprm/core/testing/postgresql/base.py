"""PostgreSQL for the test suite: Django's backend with a faster flush, and
the seeded rows restored in bulk before each transactional test
(core.testing.restore).

Every browser test and every test on a transactional database ends with a
flush, and Django's PostgreSQL flush is one `TRUNCATE` of every table, which
gives each table, index and TOAST table a new file: about 1.5 s on a quiet
2-core machine and 3.7 s on a busy one, for a database that holds a few
hundred rows (the seeded roles, options and lookups and the test's own).
Deleting the rows of the tables that hold any, with the foreign keys checked
at commit (Django declares them deferrable), empties the same database in a
few milliseconds. Sequences are left as `TRUNCATE` without `RESTART
IDENTITY` leaves them; a flush that resets them takes Django's way.
"""

from typing import Any

from django.db.backends.postgresql import base, creation

from openprm.core.testing.restore import BulkRestoreCreation


class DatabaseOperations(base.DatabaseOperations):
    def sql_flush(
        self,
        style: Any,
        tables: list[str],
        *,
        reset_sequences: bool = False,
        allow_cascade: bool = False,
    ) -> list[str]:
        if reset_sequences or not tables:
            return super().sql_flush(
                style, tables, reset_sequences=reset_sequences, allow_cascade=allow_cascade
            )
        holding = self._tables_holding_rows(tables)
        if not holding:
            return []
        return [
            "SET CONSTRAINTS ALL DEFERRED",
            *(f"DELETE FROM {self.quote_name(table)}" for table in holding),  # noqa: S608  Django's table names
        ]

    def _tables_holding_rows(self, tables: list[str]) -> list[str]:
        """The tables with at least one row, in one statement."""
        probes = " UNION ALL ".join(
            f"SELECT %s WHERE EXISTS (SELECT 1 FROM {self.quote_name(table)})"  # noqa: S608  as above
            for table in tables
        )
        with self.connection.cursor() as cursor:
            cursor.execute(probes, tables)
            return [row[0] for row in cursor.fetchall()]


class DatabaseCreation(BulkRestoreCreation, creation.DatabaseCreation):
    pass


class DatabaseWrapper(base.DatabaseWrapper):
    ops_class = DatabaseOperations
    creation_class = DatabaseCreation
