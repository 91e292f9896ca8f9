"""What every import kind provides, and the per-job context it works in."""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.rules import parse_flag
from openprm.core.search import search_key
from openprm.imports.models import ImportJob

CUSTOM_PREFIX = "custom."


@dataclass(frozen=True)
class Column:
    """A target field of a kind, with header spellings that suggest it."""

    name: str
    label: Any
    aliases: tuple[str, ...] = ()
    required: bool = False


@dataclass
class MappedRow:
    line: int
    raw: list[str]
    data: dict[str, str]
    custom: dict[str, str]
    parsed: Any = None  # what the kind's `prepare` made of the row

    def __reduce__(self) -> tuple[Any, ...]:
        """Pickled as its values: half the time of the default (`imports.pipeline`)."""
        return (MappedRow, (self.line, self.raw, self.data, self.custom, self.parsed))


@dataclass
class Rejection:
    line: int
    raw: list[str]
    reasons: list[str]


@dataclass(frozen=True)
class ValueWarning:
    """An optional value a row was imported without, and why (issue 18: a
    bad optional value does not lose the row)."""

    line: int
    field: str  # the target: a column name or `custom.<name>`
    value: str
    reason: str


@dataclass
class BatchResult:
    accepted: int = 0
    skipped: int = 0
    updated: int = 0  # existing records the rows updated (`imports.updates`)
    unchanged: int = 0  # existing records the rows matched and left as they were
    other_kind: int = 0  # rows of the other kind of a combined export
    rejected: list[Rejection] = field(default_factory=list)
    warnings: list[ValueWarning] = field(default_factory=list)

    def reject(self, row: MappedRow, reasons: Iterable[str]) -> None:
        self.rejected.append(Rejection(row.line, row.raw, list(reasons)))

    def merged(self, other: "BatchResult") -> "BatchResult":
        """This result with `other`'s rows of the same batch added."""
        self.accepted += other.accepted
        self.skipped += other.skipped
        self.updated += other.updated
        self.unchanged += other.unchanged
        if other.rejected:
            self.rejected = sorted([*self.rejected, *other.rejected], key=lambda r: r.line)
        if other.warnings:
            self.warnings = sorted([*self.warnings, *other.warnings], key=lambda w: w.line)
        return self


@dataclass
class ImportContext:
    """State kept across the batches of one run of a job."""

    actor: Actor
    job: ImportJob
    seen: dict[str, Any] = field(default_factory=dict)
    custom_names: frozenset[str] = frozenset()


def field_errors_text(error: ValidationFailed) -> list[str]:
    """A ValidationFailed as `field: message` lines for the reject report."""
    lines = [
        f"{name}: {message}" if name else message
        for name, messages in error.field_errors.items()
        for message in messages
    ]
    return lines or [error.message]


class ImportKind:
    """One importable kind of record. Subclasses validate and insert a batch
    with a constant number of queries, whatever the batch size."""

    code: str = ""
    label: Any = ""
    record_type: str | None = None
    columns: Sequence[Column] = ()
    stand_ins: dict[str, tuple[str, ...]] = {}
    """Columns that can feed a required one (a full name, its last name)."""

    def check_actor(self, actor: Actor) -> None:
        """Raise PermissionRefused when `actor` may not import this kind."""

    def start(self, ctx: ImportContext) -> None:
        """Prepare a run (called once before the first batch)."""

    def scan(self, ctx: ImportContext, row: MappedRow) -> None:
        """See every row once before the first batch (e.g. keys of parents
        that come later in the file)."""

    prepares = False

    def prepare_memo(self, ctx: ImportContext) -> dict[str, Any]:
        """What `prepare` starts from in each process: reference data read
        here once (plain values, pickled for the second process)."""
        return {}

    def prepare(self, rows: list[MappedRow], memo: dict[str, Any]) -> None:
        """Set each row's `parsed` from the checks that need no database and
        no actor (the kind's pure create rules), for a kind with `prepares`.
        Runs for the next batch in a second process while this one is
        written (`imports.pipeline`), so it must only use the rows and
        `memo`: `prepare_memo`, kept across the batches of a run in that
        process."""

    def process_batch(self, ctx: ImportContext, rows: list[MappedRow]) -> BatchResult:
        raise NotImplementedError

    companies: bool | None = None
    """Which rows of a combined export with an `is_company` column (Odoo's
    res.partner) this kind takes: companies (True), people (False)."""

    def keeps(self, row: MappedRow) -> bool:
        """Whether the row is of this kind: a row whose `is_company` says
        otherwise is left for the other kind's import of the same file."""
        written = row.data.get("is_company", "").strip()
        if self.companies is None or not written:
            return True
        try:
            return parse_flag(written) == self.companies
        except ValueError:
            return True

    def choices(self) -> dict[str, list[tuple[str, str]]]:
        """The fields that take one of a list of values, each with its
        `(code, label)` options, for the value mapping step (`imports.values`)."""
        return {}

    def recognizer(self) -> Callable[[str, str], bool]:
        """`(field, value) -> bool`: whether the create rules read the value
        as one of the field's `choices` without a mapping (by default its
        code or label, in any case)."""
        known = {
            name: {search_key(text) for option in options for text in option}
            for name, options in self.choices().items()
        }
        return lambda field, value: search_key(value) in known.get(field, ())

    def finish(self, ctx: ImportContext, result: BatchResult) -> None:
        """A second pass after every row is in (e.g. parent links)."""

    @property
    def column_names(self) -> list[str]:
        return [c.name for c in self.columns]


_kinds: dict[str, ImportKind] = {}


def register_kind(kind: ImportKind) -> ImportKind:
    _kinds[kind.code] = kind
    return kind


def kinds() -> list[ImportKind]:
    return list(_kinds.values())


def kind_get(code: str) -> ImportKind:
    try:
        return _kinds[code]
    except KeyError:
        raise ValidationFailed(
            field_errors={"kind": [_("Unknown import kind “%s”.") % code]}
        ) from None
