"""Pagination for HTML list pages (the list itself is a core.tables.ListSpec).

A page is read as one row more than it shows: the extra row says whether a
next page exists, so a list need not count everything it matches. Counting
a visibility-scoped list checks every matching row (3 s for the contacts
named "ma…" at 1,000,000 contacts, against 20 ms for the page), so the big
lists count only on request (`?count=1`, the "Count all" link); their last
page knows its total anyway.
"""

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

PER_PAGE = 50


class ListPage:
    """One page of rows, what `templates/includes/pagination.html` shows."""

    def __init__(
        self, rows: list[Any], number: int, per_page: int, *, more: bool, total: int | None
    ) -> None:
        self.object_list = rows
        self.number = number
        self.per_page = per_page
        self.total = total
        self.has_previous = number > 1
        self.has_next = more

    @property
    def num_pages(self) -> int | None:
        if self.total is None:
            return None
        return max(1, -(-self.total // self.per_page))

    @property
    def end_index(self) -> int:
        return (self.number - 1) * self.per_page + len(self.object_list)

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1

    def __iter__(self) -> Iterator[Any]:
        return iter(self.object_list)

    def __len__(self) -> int:
        return len(self.object_list)


def page_number(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 1_000_000))
    except ValueError:
        return 1


def read_page(
    queryset: QuerySet[Any], number: int, per_page: int = PER_PAGE, *, count: bool = True
) -> ListPage:
    """Page `number` of an ordered queryset; the total is counted when `count`
    says so, else known only on the last page. A page past the end falls back
    to the last one when the total is known."""
    offset = (number - 1) * per_page
    rows = list(queryset[offset : offset + per_page + 1])
    more = len(rows) > per_page
    rows = rows[:per_page]
    past_end = number > 1 and not rows
    total: int | None = None
    if count and (more or past_end):
        total = queryset.count()
        last = max(1, -(-total // per_page))
        if number > last:
            return read_page(queryset, last, per_page, count=count)
    elif not more and not past_end:
        total = offset + len(rows)
    return ListPage(rows, number, per_page, more=more, total=total)
