"""Sorting and pagination for HTML list pages.

Filtering is each app's FilterSchema (filters.py), shared with the API and
exports; this module only turns `?sort=` and `?page=` into a page of rows.
"""

from collections.abc import Mapping
from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

PER_PAGE = 50


Sortable = Mapping[str, str | tuple[str, ...]]


def sorted_queryset(
    queryset: QuerySet[Any], sort: str, sortable: Sortable, default: str
) -> tuple[QuerySet[Any], str]:
    """Order by a whitelisted `sort` parameter (`name` or `-name`), falling back
    to `default`; a sort may name several columns (last name, then first
    name); the primary key breaks ties so pages never overlap."""
    key = sort.lstrip("-")
    if key not in sortable:
        sort, key = default, default.lstrip("-")
    columns = sortable[key]
    columns = (columns,) if isinstance(columns, str) else columns
    direction = "-" if sort.startswith("-") else ""
    return queryset.order_by(*(direction + column for column in (*columns, "pk"))), sort


def list_context(
    request: HttpRequest,
    queryset: QuerySet[Any],
    *,
    sortable: Sortable,
    default_sort: str,
    per_page: int = PER_PAGE,
) -> dict[str, Any]:
    ordered, sort = sorted_queryset(queryset, request.GET.get("sort", ""), sortable, default_sort)
    page_obj = Paginator(ordered, per_page).get_page(request.GET.get("page"))
    return {"page_obj": page_obj, "rows": page_obj.object_list, "sort": sort}
