"""Counts a page can afford on any table size.

A home block or a search group says how many records it holds, but an
exact count of a salesperson's thirty thousand accounts, or of every
contact whose name starts with "ma", costs more than the rest of the page.
Such counts stop at COUNT_CAP + 1 rows (a LIMIT inside the COUNT, answered
from the index) and show as "1,000+".
"""

from typing import Any

from django.db.models import QuerySet
from django.utils import formats

COUNT_CAP = 1000
TODO_CAP = 100


def capped_count(rows: QuerySet[Any], cap: int = COUNT_CAP) -> int:
    """How many rows match, counted up to `cap` + 1."""
    return rows.order_by().values("pk")[: cap + 1].count()


def count_text(count: int, cap: int = COUNT_CAP) -> str:
    """`count` as a page shows it: "1,000+" once it passed its cap."""
    if count > cap:
        return formats.number_format(cap, force_grouping=True) + "+"
    return formats.number_format(count, force_grouping=True)
