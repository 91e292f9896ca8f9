"""Updating existing records instead of skipping them (issue 18).

An import whose job says `existing = update` first looks, for each row of
a batch, for the one existing record it stands for: the record an earlier
import of the user created under the row's key (its external id, or the
natural key the kind uses), else the single visible record the kind's
duplicate rule matches (CUS-1 for accounts, CON-2 for contacts). A matched
row updates that record's fields the file gives, through the domain's own
update service (its rules, access check, version and audit); a row whose
values equal the record's counts as unchanged and writes nothing. Rows
matching nothing, or several records, go on to the kind, which creates
them or rejects them as before — so an update import never duplicates.

Each update runs in its own savepoint: a row the update service refuses is
rejected with its reasons and leaves nothing behind (IMP-1). A row matched
by the duplicate rule stores its key, so the next import of the file finds
the record by it and the API reports its external id.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Protocol

from django.db import IntegrityError, transaction

from openprm.core import access
from openprm.core.errors import DomainError, ValidationFailed
from openprm.imports.kinds.base import (
    BatchResult,
    ImportContext,
    ImportKind,
    MappedRow,
    ValueWarning,
    field_errors_text,
)
from openprm.imports.models import ImportJob, ImportKey


@dataclass
class Change:
    """What updating one record from a row did: `changed` is False for a
    record that already held the row's values."""

    changed: bool
    warnings: tuple[ValueWarning, ...] = field(default_factory=tuple)


class Updater(Protocol):
    model: str  # the ImportKey model label

    def matches(
        self, ctx: ImportContext, kind: ImportKind, rows: list[MappedRow]
    ) -> dict[int, int]:
        """`{line: record id}` of the rows that stand for one existing
        record the importer sees."""

    def row_key(self, kind: ImportKind, row: MappedRow) -> str:
        """The key the kind stores for the row."""

    def update(self, ctx: ImportContext, row: MappedRow, pk: int) -> Change:
        """Update record `pk` from `row`; raises DomainError when refused."""


_updaters: dict[str, Callable[[], Updater]] = {}


def register_updater(*codes: str) -> Callable[[Callable[[], Updater]], Callable[[], Updater]]:
    def register(factory: Callable[[], Updater]) -> Callable[[], Updater]:
        for code in codes:
            _updaters[code] = factory
        return factory

    return register


def updates_supported(kind_code: str) -> bool:
    """Whether an import of this kind can update existing records."""
    return kind_code in _updaters


def rows_updated(
    ctx: ImportContext, kind: ImportKind, rows: list[MappedRow], result: BatchResult
) -> list[MappedRow]:
    """Update the records the rows stand for (counted in `result`) and
    return the other rows, for the kind to create. Without the update
    option every row is returned."""
    factory = _updaters.get(kind.code)
    if ctx.job.existing != ImportJob.Existing.UPDATE or factory is None or not rows:
        return rows
    updater = ctx.seen.setdefault("updater", factory())
    matched = updater.matches(ctx, kind, rows)
    keyed = _keys_known(ctx, updater.model, [updater.row_key(kind, r) for r in rows])
    rest = []
    for row in rows:
        pk = matched.get(row.line)
        if pk is None:
            rest.append(row)
            continue
        try:
            with transaction.atomic():
                change = updater.update(ctx, row, pk)
                key = updater.row_key(kind, row)
                if key not in keyed:
                    _remember(ctx, updater.model, key, pk)
                    keyed.add(key)
        except ValidationFailed as error:
            result.reject(row, field_errors_text(error))
            continue
        except DomainError as error:
            result.reject(row, [error.message])
            continue
        if change.changed:
            result.updated += 1
        else:
            result.unchanged += 1
        result.warnings.extend(change.warnings)
    return rest


def _keys_known(ctx: ImportContext, model: str, keys: list[str]) -> set[str]:
    keys_of_user = access.unscoped(ImportKey).filter(model=model, user_id=ctx.actor.pk)
    return set(keys_of_user.filter(key__in=keys).values_list("key", flat=True))


def _remember(ctx: ImportContext, model: str, key: str, pk: int) -> None:
    """The row's key for the record it matched by the duplicate rule, kept
    out of the job's own keys (those list what the job created)."""
    try:
        with transaction.atomic():
            keys = access.unscoped(ImportKey)
            keys.create(model=model, user_id=ctx.actor.pk, key=key, object_id=pk)
    except IntegrityError:  # a parallel import stored it first
        pass
