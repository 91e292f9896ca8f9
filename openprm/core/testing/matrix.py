"""A permission matrix every app's tests reuse: who calls which route, expecting what.

Each row says who calls which route and what must come back. For a refused
write the named tables must be unchanged afterwards — a 403 that still
changed data is a failure — so the rows of those tables are snapshotted
before and after the call. A row may also name texts (the names of records
the actor may not see) that must appear nowhere in the answer, whatever its
status. All failures are collected and reported together, so one run shows
the whole matrix.

    run_matrix(
        {"admin": admin_client, "sales": sales_client, "anonymous": Client()},
        [
            Row("sales", "post", "/api/v1/users", 403, body={...}, unchanged=(User,)),
            Row("admin", "get", "/api/v1/users", 200),
        ],
    )

The list matrix checks what a list, search, picker, export or count shows:
the exact set of records (no leak, nothing missing) read from the answer by
a `Reader`, and the count the answer states.

    run_list_matrix(clients, [ListRow("sales", "/api/v1/users", json_items(), {"7", "9"})])
"""

import copy
import csv
import io
import json
import re
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from django.db import connection, models, transaction
from django.http import HttpResponse
from django.test import Client
from openpyxl import load_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

WRITE_METHODS = frozenset({"post", "put", "patch", "delete"})


@dataclass(frozen=True)
class Row:
    actor: str
    method: str
    path: str
    expected: int
    body: Mapping[str, Any] | None = None
    unchanged: Sequence[type[models.Model]] = field(default_factory=tuple)
    hidden: Collection[str] = ()

    def label(self) -> str:
        return f"{self.actor:>12} {self.method.upper():6} {self.path} → {self.expected}"


def table_rows(model: type[models.Model]) -> list[tuple[Any, ...]]:
    """Every stored row of a table, in primary-key order (no access scope:
    the point is to see what really changed). Read with plain SQL: a refused
    write is compared on every table of the installed apps, and building a
    query through the ORM for each cost more than the call it checks."""
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT * FROM {quote(model._meta.db_table)} "  # noqa: S608
            f"ORDER BY {quote(model._meta.pk.column)}"
        )
        return cursor.fetchall()


def _call(client: Client, row: Row) -> Any:
    method = getattr(client, row.method.lower())
    if row.body is None:
        return method(row.path)
    return method(row.path, data=json.dumps(row.body), content_type="application/json")


@contextmanager
def rolled_back(client: Client) -> Iterator[None]:
    """Undo a row afterwards — its writes (a savepoint rolled back) and the
    cookies it set (a flashed message) — so rows do not depend on each other."""
    cookies = copy.deepcopy(client.cookies)
    try:
        with transaction.atomic():
            yield
            transaction.set_rollback(True)
    finally:
        client.cookies = cookies


def check_row(client: Client, row: Row) -> str | None:
    """One row; returns a failure description or None."""
    with rolled_back(client):
        before = {m: table_rows(m) for m in row.unchanged}
        response = _call(client, row)
        problems = []
        if response.status_code != row.expected:
            problems.append(
                f"got {response.status_code}: {response.content[:300].decode(errors='replace')}"
            )
        refused = response.status_code >= 400
        if refused and row.method.lower() in WRITE_METHODS:
            for model, rows in before.items():
                if table_rows(model) != rows:
                    problems.append(f"refused, yet {model.__name__} rows changed")
        if refused and response.get("Content-Type", "").startswith("application/json"):
            problems.append("an error must be problem JSON (application/problem+json)")
        problems += leaks(response, row.hidden)
    return f"{row.label()}: {'; '.join(problems)}" if problems else None


def run_matrix(clients: Mapping[str, Client], rows: Sequence[Row]) -> None:
    """Check every row; fail once, listing every row that did not hold."""
    failures = [f for row in rows if (f := check_row(clients[row.actor], row)) is not None]
    assert not failures, "permission matrix failures:\n" + "\n".join(failures)


# What an answer shows ---------------------------------------------------------


def body_bytes(response: HttpResponse) -> bytes:
    """The body, streamed or not; a streamed body is kept for later reads."""
    if not getattr(response, "streaming", False):
        return response.content
    if not hasattr(response, "_matrix_body"):
        response._matrix_body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response._matrix_body  # type: ignore[attr-defined,no-any-return]


def xlsx_cells(response: HttpResponse) -> list[list[Any]]:
    workbook = load_workbook(io.BytesIO(body_bytes(response)), read_only=True)
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def csv_cells(response: HttpResponse) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body_bytes(response).decode("utf-8-sig"))))


def answer_text(response: HttpResponse) -> str:
    """Everything a user could read in the answer: the text of a page, JSON
    or CSV, or every cell of a workbook."""
    if response.get("Content-Type", "").startswith(XLSX):
        return "\n".join(
            "\t".join(str(c) for c in row if c is not None) for row in xlsx_cells(response)
        )
    return body_bytes(response).decode("utf-8", errors="replace")


def leaks(response: HttpResponse, hidden: Collection[str]) -> list[str]:
    """The problem, if the answer names any of the `hidden` texts (as whole words)."""
    if not hidden:
        return []
    text = answer_text(response)
    shown = sorted(n for n in hidden if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text))
    return [f"shows what the actor may not see: {', '.join(shown)}"] if shown else []


@dataclass(frozen=True)
class Listing:
    """What a list answer shows: the keys of its records, the total it
    states (None when it states none), and whether the keys are the whole
    list or one page of it (then they must be expected, not all expected)."""

    keys: frozenset[str]
    count: int | None = None
    whole: bool = True


Reader = Callable[[HttpResponse], Listing]


def _path(item: Any, dotted: str) -> Any:
    for part in dotted.split("."):
        item = item[part]
    return item


def json_items(key: str = "id") -> Reader:
    """A paginated API answer ({"items", "count", "has_next"}) or a plain JSON list."""

    def read(response: HttpResponse) -> Listing:
        data = json.loads(body_bytes(response))
        paged = isinstance(data, dict)
        items = data["items"] if paged else data
        return Listing(
            frozenset(str(_path(item, key)) for item in items),
            data.get("count") if paged else None,
            whole=not (paged and data.get("has_next")),
        )

    return read


def _column(rows: list[list[Any]], header: str) -> Listing:
    index = list(rows[0]).index(header)
    return Listing(frozenset(str(row[index]) for row in rows[1:]), len(rows) - 1)


def csv_column(header: str) -> Reader:
    """The values of one column of a CSV export (its row count is the count)."""
    return lambda response: _column(csv_cells(response), header)


def xlsx_column(header: str) -> Reader:
    """The values of one column of the first sheet of an XLSX export."""
    return lambda response: _column(xlsx_cells(response), header)


class _Page(HTMLParser):
    """Per table-body row, the attribute values in document order; every
    attribute value of the page; the text of `<p class="count">` and whether
    it offers to count (a link: the total is not stated)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self.values: list[tuple[str, str]] = []
        self.count_text: str | None = None
        self.count_offered = False
        self._in_body = self._in_count = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tbody":
            self._in_body = True
        elif tag == "tr" and self._in_body:
            self.rows.append([])
        elif tag == "p" and ("class", "count") in attrs:
            self._in_count, self.count_text = True, ""
        elif tag == "a" and self._in_count:
            self.count_offered = True
        for name, value in attrs:
            if value is not None:
                self.values.append((name, value))
                if self._in_body and self.rows:
                    self.rows[-1].append(value)

    def handle_endtag(self, tag: str) -> None:
        if tag == "tbody":
            self._in_body = False
        elif tag == "p":
            self._in_count = False

    def handle_data(self, data: str) -> None:
        if self._in_count:
            self.count_text = (self.count_text or "") + data


def _page(response: HttpResponse) -> _Page:
    page = _Page()
    page.feed(body_bytes(response).decode())
    return page


def _count(page: _Page) -> int | None:
    found = re.search(r"\d+", page.count_text or "")
    return int(found.group()) if found and not page.count_offered else None


def html_rows(pattern: str) -> Reader:
    """Per row of a table body, the first attribute value (a link, a form
    action, a data-testid) matching `pattern`, as its first group; rows
    without one (the "nothing found" row) are skipped. The count is the
    page's "N records"."""
    compiled = re.compile(pattern)

    def read(response: HttpResponse) -> Listing:
        page = _page(response)
        keys = set()
        for row in page.rows:
            found = next((m for v in row if (m := compiled.fullmatch(v))), None)
            if found:
                keys.add(found.group(1))
        return Listing(frozenset(keys), _count(page), whole=not _has_next(page))

    return read


def _has_next(page: _Page) -> bool:
    return ("rel", "next") in page.values


def html_values(attribute: str, pattern: str = r"(.+)") -> Reader:
    """Every value of one attribute anywhere on the page (picker options,
    links) that matches `pattern`, as its first group."""
    compiled = re.compile(pattern)

    def read(response: HttpResponse) -> Listing:
        page = _page(response)
        return Listing(
            frozenset(
                m.group(1)
                for name, value in page.values
                if name == attribute and (m := compiled.fullmatch(value))
            )
        )

    return read


def texts_shown(candidates: Iterable[str]) -> Reader:
    """Which of the candidate texts the answer shows (for rows without ids)."""
    names = tuple(candidates)

    def read(response: HttpResponse) -> Listing:
        text = answer_text(response)
        return Listing(
            frozenset(n for n in names if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text))
        )

    return read


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
