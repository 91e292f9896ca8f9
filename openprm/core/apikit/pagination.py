"""Page-number pagination for every API list: `page`, `page_size` and
`with_count` in; `items`, `count`, `page`, `page_size` and `has_next` out.

The page is read with one row more than asked, so `has_next` costs nothing;
`count` is exact. Counting a visibility-scoped search walks every matching
row (seconds at a million contacts), so a client paging through a big list
can ask `with_count=false` and get `count: null` except on the last page,
whose total is known anyway (core.listing does the same for the pages).

A list whose rows need a fact read for the whole page (the names of a
trail's authors) passes `prepare`, called once with the request and the
page's rows, so the fact costs one query a page, not one a row.
"""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from ninja import Field, Schema
from ninja.pagination import PaginationBase

MAX_PAGE_SIZE = 500


class PageInput(Schema):
    """A list's page parameters. Named apart from core.apikit.types.Input:
    the OpenAPI document files its schemas by class name."""

    page: int = Field(1, ge=1, le=1_000_000)
    page_size: int = Field(50, ge=1, le=MAX_PAGE_SIZE)
    with_count: bool = True


class PagePagination(PaginationBase):
    Input = PageInput

    class Output(Schema):
        items: list[Any]
        count: int | None
        page: int
        page_size: int
        has_next: bool

    items_attribute = "items"

    def __init__(
        self, *, prepare: Callable[[HttpRequest, list[Any]], None] | None = None, **kwargs: Any
    ) -> None:
        super().__init__(**kwargs)
        self.prepare = prepare

    def paginate_queryset(
        self, queryset: QuerySet[Any] | list[Any], pagination: PageInput, **params: Any
    ) -> Any:
        size = pagination.page_size
        offset = (pagination.page - 1) * size
        rows = list(queryset[offset : offset + size + 1])
        more = len(rows) > size
        count: int | None = None
        if not more and (rows or offset == 0):
            count = offset + len(rows)
        elif pagination.with_count:
            count = queryset.count() if isinstance(queryset, QuerySet) else len(queryset)
        items = rows[:size]
        if self.prepare is not None:
            self.prepare(params["request"], items)
        return {
            "items": items,
            "count": count,
            "page": pagination.page,
            "page_size": size,
            "has_next": more,
        }
