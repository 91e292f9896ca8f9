"""One declaration per list: its rows, columns, sorts and filters.

A list used to be described four times — the page's table, its CSV/Excel
columns, the API's sorts and the background export's rebuilt request — and
the four drifted apart. A `ListSpec` says it once, in the app's `tables.py`;
the generic list page (core/views/generic.py), the exports, the background
export job and the API list all read it. The job finds a spec by its name
(`ListSpec.name`), so every app's `tables` module is imported at start-up.

A spec's `select` is the app's selector behind a uniform signature: it gets
the actor, the list's filters (its FilterSchema, already validated), the raw
query (for open-ended parameters such as `custom.<name>`), the sort the
rows will be ordered by (a selector whose best plan depends on it picks it)
and the list's scope — the URL's keyword arguments (`account_id=…` for an
account's team), plain values a job can store.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import islice
from operator import attrgetter
from typing import Any, ClassVar, Protocol

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.functional import Promise
from ninja import FilterSchema
from pydantic import ValidationError

from openprm.core.actor import Actor
from openprm.core.exporters.tabular import Column as ExportColumn

Label = str | Promise
Query = Mapping[str, str]


class Select(Protocol):
    def __call__(
        self, *, actor: Actor, filters: Any, query: Query, **scope: Any
    ) -> QuerySet[Any]: ...


Link = Callable[[Any], str]


@dataclass(frozen=True)
class RecordUrl:
    """A row's link to its record's page: the URL `name`, taking the row's
    integer key (`key`, the primary key unless told). Called on a row it
    reverses the name, like `get_absolute_url`; a list page asks for
    `for_page()` instead, which reverses once and puts each row's key in
    its place — a reversal per row and link was a fifth of a list's time."""

    name: str
    key: str = "pk"

    MARKER: ClassVar[int] = 918_273_645_546_372_819

    def __call__(self, row: Any) -> str:
        return reverse(self.name, args=[getattr(row, self.key)])

    def for_page(self) -> Link:
        """The link of every row of one page: the address is reversed now,
        in the page's language and script prefix, and filled per row."""
        head, tail = reverse(self.name, args=[self.MARKER]).split(str(self.MARKER))
        key = attrgetter(self.key)
        return lambda row: f"{head}{key(row)}{tail}"


def page_link(link: Link) -> Link:
    """`link` as a page draws its rows: a `RecordUrl` reversed once."""
    return link.for_page() if isinstance(link, RecordUrl) else link


@dataclass(frozen=True)
class Column:
    """One column: `value` is what the cell holds (in the page and the
    files), `sort` the database columns behind `?sort=<key>` (none: not
    sortable; `-column` reads descending in the ascending order), `cell` a
    template drawing the page's cell (it reads the `value`), `link` the
    address the cell's text links to (a cell's template reads it as
    `link`). A column may be only on the page
    (`exported=False`) or only in the files (`shown=False`): files carry ids
    and raw figures a page leaves out."""

    key: str
    label: Label
    value: Callable[[Any], Any] | None = None
    sort: str | tuple[str, ...] = ()
    cell: str = ""
    link: Link | None = None
    shown: bool = True
    exported: bool = True

    @cached_property
    def read(self) -> Callable[[Any], Any]:
        return self.value or attrgetter(self.key)

    @property
    def sort_columns(self) -> tuple[str, ...]:
        return (self.sort,) if isinstance(self.sort, str) else self.sort


LISTS: dict[str, "ListSpec"] = {}


class ListAlreadyDeclared(Exception):
    """Two lists took one name: a background export would write the wrong
    one."""


@dataclass(frozen=True)
class ListSpec:
    """`count=False` for lists that can hold millions of rows: a page is
    read one row long to know whether another follows, and the total is
    counted only on request (core.listing). `sorts` are orders with no
    column of their own (e.g. `-deleted`). `filename` may name the scope
    (`account-{account_id}-team`); a list without one has no files (its
    page ignores `?export=`). `row_key` names a row on the page
    (`data-testid`), for lists whose rows scripts and tests look up.
    `complete` reads what a set of rows shows besides the query, for all of
    them at once (the queue's conflict badges): the page calls it on its
    rows and the files on each chunk, so no list reads it row by row."""

    name: str
    select: Select
    columns: Sequence[Column]
    default_sort: str
    filename: str = ""
    filters: type[FilterSchema] | None = None
    count: bool = True
    sorts: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    chunk_size: int = 2000
    row_key: Callable[[Any], str] | None = None
    complete: Callable[[list[Any]], Any] | None = None

    def __post_init__(self) -> None:
        if self.name in LISTS:
            raise ListAlreadyDeclared(self.name)
        unknown = self.default_sort.lstrip("-")
        if unknown not in self.sortable:
            raise ValueError(f"{self.name}: default sort {unknown!r} is not one of its sorts")
        LISTS[self.name] = self

    @cached_property
    def sortable(self) -> dict[str, tuple[str, ...]]:
        declared = {c.key: c.sort_columns for c in self.columns if c.sort}
        return {**declared, **self.sorts}

    @property
    def shown_columns(self) -> list[Column]:
        return [c for c in self.columns if c.shown]

    @property
    def export_columns(self) -> list[ExportColumn]:
        return [(str(c.label), c.read) for c in self.columns if c.exported]

    def completed(self, records: Iterable[Any]) -> Iterator[Any]:
        """`records` with `complete` applied to each `chunk_size` of them."""
        if self.complete is None:
            yield from records
            return
        records = iter(records)
        while chunk := list(islice(records, self.chunk_size)):
            self.complete(chunk)
            yield from chunk

    def file_name(self, scope: Mapping[str, Any]) -> str:
        return self.filename.format(**scope)

    def read_filters(self, query: Query) -> tuple[Any, bool]:
        """The filters of `query`; invalid input filters nothing and is
        reported (second value) instead of failing the page."""
        if self.filters is None:
            return None, True
        fields = self.filters.model_fields
        values = {k: v for k, v in query.items() if k in fields and v != ""}
        try:
            return self.filters(**values), True
        except ValidationError:
            return self.filters(), False

    def sort_of(self, asked: str) -> str:
        """`asked` when it is one of the list's sorts, else the default."""
        return asked if asked.lstrip("-") in self.sortable else self.default_sort

    def rows(
        self, *, actor: Actor, query: Query, filters: Any = None, sort: str = "", **scope: Any
    ) -> QuerySet[Any]:
        """The whole list, filtered, scoped to the actor and ordered; the
        primary key breaks ties so pages never overlap."""
        if filters is None:
            filters, _valid = self.read_filters(query)
        sort = self.sort_of(sort)
        queryset = self.select(actor=actor, filters=filters, query=query, sort=sort, **scope)
        descending = sort.startswith("-")
        columns = (*self.sortable[sort.lstrip("-")], "pk")
        return queryset.order_by(*(directed(column, descending) for column in columns))


def directed(column: str, descending: bool) -> str:
    """`column` in the asked direction. A sort may declare a column
    descending (`-is_primary_contact`: primary first); asked descending,
    that column turns ascending, like the others turn descending."""
    turned = column.startswith("-") != descending
    return ("-" if turned else "") + column.lstrip("-")


def list_spec(name: str) -> ListSpec:
    """The declared list `name` (KeyError when no app declares it)."""
    return LISTS[name]
