"""What every import kind provides, and the per-job context it works in."""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from django.utils.translation import gettext as _

from openprm.core.actor import Actor
from openprm.core.customfields.selectors import custom_fields_for
from openprm.core.customfields.values import custom_values_clean
from openprm.core.errors import ValidationFailed
from openprm.core.search import search_key
from openprm.imports.models import ImportJob

CUSTOM_PREFIX = "custom."
TRUE_WORDS = {"true", "yes", "y", "1", "on", "x"}
FALSE_WORDS = {"false", "no", "n", "0", "off", ""}


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


@dataclass
class BatchResult:
    accepted: int = 0
    skipped: int = 0
    rejected: list[Rejection] = field(default_factory=list)

    def reject(self, row: MappedRow, reasons: Iterable[str]) -> None:
        self.rejected.append(Rejection(row.line, row.raw, list(reasons)))


@dataclass
class ImportContext:
    """State kept across the batches of one run of a job."""

    actor: Actor
    job: ImportJob
    seen: dict[str, Any] = field(default_factory=dict)
    custom_names: frozenset[str] = frozenset()


@lru_cache(maxsize=200_000)
def cached_key(text: str) -> str:
    """`search_key` once per distinct text of a run: files repeat first
    names, last names and customer names, and the key costs microseconds."""
    return search_key(text)


def parse_bool(value: str) -> bool:
    word = value.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(_("Enter yes or no."))


def field_errors_text(error: ValidationFailed) -> list[str]:
    """A ValidationFailed as `field: message` lines for the reject report."""
    lines = [
        f"{name}: {message}" if name else message
        for name, messages in error.field_errors.items()
        for message in messages
    ]
    return lines or [error.message]


class CustomValues:
    """PLAT-7 custom fields of a row, cleaned by core's one cleaning function.

    The field definitions are read once per job; rows without custom values
    are checked against the required fields without a query.
    """

    def __init__(self, record_type: str) -> None:
        self.record_type = record_type
        fields = custom_fields_for(record_type)
        self.names = frozenset(f.name for f in fields)
        self.required = [f.name for f in fields if f.required]

    def clean(self, submitted: dict[str, str]) -> dict[str, Any]:
        present = {k: v for k, v in submitted.items() if v.strip()}
        if not present:
            missing = [n for n in self.required if not submitted.get(n, "").strip()]
            if missing:
                raise ValidationFailed(
                    field_errors={f"custom.{n}": [_("This field is required.")] for n in missing}
                )
            return {}
        return custom_values_clean(self.record_type, submitted)


class ImportKind:
    """One importable kind of record. Subclasses validate and insert a batch
    with a constant number of queries, whatever the batch size."""

    code: str = ""
    label: Any = ""
    record_type: str | None = None
    columns: Sequence[Column] = ()

    def check_actor(self, actor: Actor) -> None:
        """Raise PermissionRefused when `actor` may not import this kind."""

    def start(self, ctx: ImportContext) -> None:
        """Prepare a run (called once before the first batch)."""

    def scan(self, ctx: ImportContext, row: MappedRow) -> None:
        """See every row once before the first batch (e.g. keys of parents
        that come later in the file)."""

    prepares = False

    def prepare(self, rows: list[MappedRow], memo: dict[str, Any]) -> None:
        """Set each row's `parsed` from the checks that need no database and
        no actor (parsing, normalizing, validating formats), for a kind with
        `prepares`. Runs for the next batch in a second process while this
        one is written (`imports.pipeline`), so it must only use the rows
        and `memo`, a dict kept across the batches of a run in that process."""

    def process_batch(self, ctx: ImportContext, rows: list[MappedRow]) -> BatchResult:
        raise NotImplementedError

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
