"""What the list matrices share: a list answer to check (`Listed`), its
exports, and the proof that the rows of a list come from the list its key
names.

The list matrices group their rows by list: a declared list's rows under
its name (core.tables.ListSpec.name, `customers.accounts`), so every list
the registry holds can be asked for its rows and a list without any fails
(test_coverage.py); lists no spec declares (a record's children, pickers)
under a name of their own. A row under a declared list's name must read
that list — the page, the files, the API list or the background export
asks the spec for its rows — so no row claims a list it does not show.
"""

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.test import Client

from openprm.core.tables import LISTS, ListSpec
from openprm.core.testing.matrix import (
    Fetch,
    ListRow,
    Reader,
    csv_column,
    plain_get,
    rolled_back,
    run_list_matrix,
    xlsx_column,
)
from tests.access.world import World

Expect = Callable[[World, str], Iterable[str] | None]


@dataclass(frozen=True)
class Listed:
    """One list answer: `expect` gives the keys an actor must be shown, or
    None when the answer is not a list for that actor (a 403 or 404 the
    route matrix checks). `shows_deleted`: the Deleted Accounts view, where
    the deleted account's name is the point."""

    path: str
    read: Reader
    expect: Expect
    shows_deleted: bool = False


ListsOf = Callable[[World], list[Listed]]
"""The answers of one list, in a world."""


def exports(path: str, column: str, expect: Expect, *, shows_deleted: bool = False) -> list[Listed]:
    """A list page's CSV and XLSX exports: the same rows (IMP-3)."""
    joiner = "&" if "?" in path else "?"
    return [
        Listed(f"{path}{joiner}export=csv", csv_column(column), expect, shows_deleted),
        Listed(f"{path}{joiner}export=xlsx", xlsx_column(column), expect, shows_deleted),
    ]


@contextmanager
def specs_read() -> Iterator[set[str]]:
    """The names of the declared lists whose rows are asked for meanwhile."""
    names: set[str] = set()
    rows = ListSpec.rows

    def recorded(spec: ListSpec, **kwargs: Any) -> Any:
        names.add(spec.name)
        return rows(spec, **kwargs)

    ListSpec.rows = recorded  # type: ignore[method-assign]
    try:
        yield names
    finally:
        ListSpec.rows = rows  # type: ignore[method-assign]


def run_lists(
    clients: Mapping[str, Client], name: str, rows: Sequence[ListRow], fetch: Fetch = plain_get
) -> None:
    """run_list_matrix over the rows of the list `name`; when a spec
    declares that list, each answer must have read it. What an answer wrote
    (a background export's job) is rolled back, so no list shows it to the
    next row."""
    assert rows, f"{name}: no list matrix rows"
    unread: list[str] = []

    def fetch_reading(client: Client, path: str) -> HttpResponse:
        with rolled_back(client), specs_read() as names:
            response = fetch(client, path)
        if response.status_code == 200 and name in LISTS and name not in names:
            unread.append(f"{path} reads {sorted(names) or 'no declared list'}")
        return response

    run_list_matrix(clients, rows, fetch_reading)
    assert not unread, f"rows under {name} that do not show it:\n" + "\n".join(sorted(set(unread)))
