"""Readers of a list's answer: the records a JSON list, a CSV or XLSX
export, an HTML table or a page's texts show, and the count it states."""

import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Any

from django.http import HttpResponse

from openprm.core.testing.matrix.answers import answer_text, body_bytes, csv_cells, xlsx_cells


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
