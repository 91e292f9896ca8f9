"""The restore of the seeded rows before each transactional test, in bulk.

A browser test, and every other test on a transactional database, starts
from the rows the migrations seeded (roles, privileges, options, lookups),
which Django serialized once and loads again after each flush. Django saves
them one object at a time, an UPDATE then an INSERT each: 0.65 s a test on
a busy machine for about 500 rows. Writing each model's rows in one
statement, and each many-to-many table's links in another, restores the
same rows; foreign keys are checked at the end as Django does. The first
such test finds the migrated rows still there, which Django's save
overwrote: a row whose key exists is overwritten here too.
"""

from collections import defaultdict
from io import StringIO
from typing import Any

from django.core import serializers
from django.db import models
from django.db.backends.base.creation import BaseDatabaseCreation
from django.db.models.constants import OnConflict
from django.db.transaction import atomic


class BulkRestoreCreation(BaseDatabaseCreation):
    def deserialize_db_from_string(self, data: str) -> None:
        alias = self.connection.alias
        rows: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        links: dict[type[models.Model], list[models.Model]] = defaultdict(list)
        with atomic(using=alias):
            with self.connection.constraint_checks_disabled():
                for found in serializers.deserialize("json", StringIO(data), using=alias):
                    record = found.object
                    if record._meta.parents:
                        found.save()
                        continue
                    rows[type(record)].append(record)
                    for name, targets in (found.m2m_data or {}).items():
                        through, own, other = _link_table(record, name)
                        links[through].extend(
                            through(**{own: record.pk, other: target}) for target in targets
                        )
                for model, records in [*rows.items(), *links.items()]:
                    if records:
                        _write(model, records, self.connection)
            self.connection.check_constraints(
                table_names=[model._meta.db_table for model in [*rows, *links]]
            )


def _link_table(record: models.Model, name: str) -> tuple[Any, str, str]:
    """The many-to-many table of `record`'s field `name` and its two
    columns: this record's and the other record's."""
    field = record._meta.get_field(name)
    through = field.remote_field.through  # type: ignore[union-attr]
    own = field.m2m_column_name()  # type: ignore[union-attr]
    other = field.m2m_reverse_name()  # type: ignore[union-attr]
    return through, own, other


def _write(model: type[models.Model], records: list[models.Model], connection: Any) -> None:
    """Insert `records` as stored, as a raw save does (an `auto_now`
    timestamp keeps its value), overwriting a row whose key exists; a link
    already there is kept. Through the queryset's insert, which is how
    Django's own save writes, in batches the database accepts."""
    meta = model._meta
    keyed = records[0].pk is not None
    fields = [f for f in meta.concrete_fields if keyed or not f.primary_key]
    others = [f for f in fields if not f.primary_key]
    overwrite = OnConflict.UPDATE if keyed and others else OnConflict.IGNORE
    batch = connection.ops.bulk_batch_size(fields, records) or len(records)
    rows = model._base_manager.using(connection.alias)
    for start in range(0, len(records), batch):
        rows._insert(  # type: ignore[attr-defined]
            records[start : start + batch],
            fields=fields,
            raw=True,
            using=connection.alias,
            on_conflict=overwrite,
            update_fields=others if overwrite == OnConflict.UPDATE else None,
            unique_fields=[meta.pk] if overwrite == OnConflict.UPDATE else None,
        )
