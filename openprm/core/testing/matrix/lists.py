"""The list matrix: the exact set of records a list, search, picker, export
or count shows, read by a `Reader`, and the count the answer states."""

from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from django.http import HttpResponse
from django.test import Client

from openprm.core.testing.matrix.answers import leaks
from openprm.core.testing.matrix.readers import Reader


@dataclass(frozen=True)
class ListRow:
    """One actor reading one list: `expected` are the keys it must show, no
    more and no fewer (a page of a longer list: none other); a stated count
    must equal their number."""

    actor: str
    path: str
    read: Reader
    expected: frozenset[str]
    hidden: Collection[str] = ()

    def label(self) -> str:
        return f"{self.actor:>12} GET    {self.path}"


Fetch = Callable[[Client, str], HttpResponse]


def plain_get(client: Client, path: str) -> HttpResponse:
    return client.get(path)


def background_export(capture_on_commit: Callable[..., Any]) -> Fetch:
    """Reads an Excel export that runs as a background job (IMP-3): the list
    answers with the job's page, the job's file is the answer read. Jobs run
    when the request commits (`django_capture_on_commit_callbacks`)."""

    def fetch(client: Client, path: str) -> HttpResponse:
        with capture_on_commit(execute=True):
            started = client.get(path)
        if started.status_code != 302 or not started.url.startswith("/exports/"):
            return started
        return client.get(f"{started.url}download/")

    return fetch


def check_list_row(client: Client, row: ListRow, fetch: Fetch = plain_get) -> str | None:
    response = fetch(client, row.path)
    if response.status_code != 200:
        return f"{row.label()}: got {response.status_code}"
    listing = row.read(response)
    problems = []
    if leaked := listing.keys - row.expected:
        problems.append(f"shows {sorted(leaked)}")
    if listing.whole and (missing := row.expected - listing.keys):
        problems.append(f"misses {sorted(missing)}")
    if not listing.whole and not listing.keys:
        problems.append("an empty page that says more follow")
    if listing.count is not None and listing.count != len(row.expected):
        problems.append(f"counts {listing.count}, not {len(row.expected)}")
    problems += leaks(response, row.hidden)
    return f"{row.label()}: {'; '.join(problems)}" if problems else None


def run_list_matrix(
    clients: Mapping[str, Client], rows: Sequence[ListRow], fetch: Fetch = plain_get
) -> None:
    """Check every list row; fail once, listing every row that did not hold."""
    failures = [
        f for row in rows if (f := check_list_row(clients[row.actor], row, fetch)) is not None
    ]
    assert not failures, "list matrix failures:\n" + "\n".join(failures)
