"""Pages of a list whose filter is an OR of index-friendly alternatives.

A name search matches the last name *or* the full name. Written as one
`WHERE a OR b ORDER BY … LIMIT 50`, both databases collect every match of
both alternatives and sort them all before the first page (about 60,000 rows
for "ma" at 1,000,000 contacts). Each alternative on its own is one index
walk in list order that stops at the page. So a page `[start:stop]` is read
arm by arm: the first `stop` rows of each alternative — the query with the
alternative in place of the OR, every other condition (visibility included)
kept — then the page from those few rows, read back by primary key. That is
exact because every row of the list satisfies at least one alternative, so
the first `stop` rows of the list are among the first `stop` of some
alternative. Once an alternative has filled the page, the next ones only
walk up to its last row (put the one whose rows come first in list order
first: the others then stop almost at once).

Everything else — counts, exports (iteration), `exists()`, use as a
subquery — runs the query with the OR, unchanged.
"""

from collections.abc import Sequence
from functools import reduce
from operator import or_
from typing import Any, Self

from django.db import connections
from django.db.models import Q, QuerySet, prefetch_related_objects
from django.db.models.query import ModelIterable
from django.db.models.sql.constants import LOUTER
from django.db.models.sql.where import WhereNode


class PagedUnionQuerySet(QuerySet[Any]):
    """A QuerySet filtered by an OR whose pages are read arm by arm."""

    _union_arms: tuple[Q, ...] = ()
    _union_node: Any = None

    def filter_any(self, arms: Sequence[Q]) -> Self:
        """Rows matching any of `arms`."""
        arms = tuple(arms)
        clone = self.filter(reduce(or_, arms))
        clone._union_arms = arms
        clone._union_node = clone.query.where.children[-1] if clone.query.where.children else None
        return clone

    def _clone(self) -> Self:
        clone = super()._clone()
        clone._union_arms = self._union_arms
        clone._union_node = self._union_node
        return clone

    def __getitem__(self, k: Any) -> Any:
        if not self._pages_by_arms(k):
            return super().__getitem__(k)
        whole = self._chain()
        whole._union_arms = ()
        without = whole.prefetch_related(None)
        without.query.where = without.query.where.clone()
        without.query.where.children = [
            child for child in without.query.where.children if child != self._union_node
        ]
        order = _plain_order(whole)
        if order and _sorts_like_python(whole.db):
            return self._merged_page(whole, without, order, k)
        ids: set[Any] = set()
        bound = Q()
        for arm in self._union_arms:
            columns = (o.lstrip("-") for o in order)
            rows = list(without.filter(arm, bound).values_list("pk", *columns)[: k.stop])
            ids.update(row[0] for row in rows)
            if order and len(rows) == k.stop and None not in rows[-1][1:]:
                bound &= _not_after(order, rows[-1][1:])
        return _read_back(whole, ids)[k]

    def _merged_page(
        self, whole: QuerySet[Any], without: QuerySet[Any], order: tuple[str, ...], k: slice
    ) -> list[Any]:
        """The arms' rows themselves, merged here: one query fewer than reading
        the page back, where the database orders text as Python does."""
        names = [o.lstrip("-") for o in order]
        found: dict[Any, Any] = {}
        bound = Q()
        for arm in self._union_arms:
            rows = list(without.filter(arm, bound)[: k.stop])
            for row in rows:
                found.setdefault(row.pk, row)
            last = [getattr(rows[-1], name) for name in names] if rows else []
            if len(rows) == k.stop and None not in last:
                bound &= _not_after(order, tuple(last))
        page = sorted(
            found.values(),
            key=lambda row: tuple(getattr(row, name) for name in names),
            reverse=order[0].startswith("-"),
        )[k]
        prefetch_related_objects(page, *whole._prefetch_related_lookups)
        return page

    def _pages_by_arms(self, k: Any) -> bool:
        return bool(
            len(self._union_arms) > 1
            and isinstance(k, slice)
            and k.stop is not None
            and self._result_cache is None
            and not self.query.is_sliced
            and self._iterable_class is ModelIterable
            and self.ordered
            and self.query.where.connector == "AND"
            and not self.query.where.negated
            and self._union_node in self.query.where.children
            and _joins_nothing(self)
        )


_PYTHON_ORDER: dict[str, bool] = {}
CODE_POINT_COLLATIONS = frozenset({"C", "POSIX", "C.UTF-8", "C.utf8", "ucs_basic"})


def _sorts_like_python(alias: str) -> bool:
    """Whether the database orders text by code point, as Python compares
    strings: SQLite's default, PostgreSQL with a C collation (what the prefix
    ranges of core.search already assume)."""
    if alias not in _PYTHON_ORDER:
        connection = connections[alias]
        if connection.vendor == "sqlite":
            _PYTHON_ORDER[alias] = True
        elif connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT datcollate FROM pg_database WHERE datname = current_database()"
                )
                _PYTHON_ORDER[alias] = cursor.fetchone()[0] in CODE_POINT_COLLATIONS
        else:
            _PYTHON_ORDER[alias] = False
    return _PYTHON_ORDER[alias]


def _plain_order(queryset: QuerySet[Any]) -> tuple[str, ...]:
    """The ordering as field names of one direction, or () when it is anything
    else (expressions, related fields, mixed directions)."""
    query = queryset.query
    order = tuple(query.order_by or (query.get_meta().ordering if query.default_ordering else ()))
    fields = {f.name for f in query.get_meta().concrete_fields} | {"pk"}
    if not order or not all(isinstance(o, str) and o.lstrip("-") in fields for o in order):
        return ()
    if len({o.startswith("-") for o in order}) != 1:
        return ()
    return order


def _not_after(order: tuple[str, ...], last: tuple[Any, ...]) -> Q:
    """Rows whose first sort key comes no later than `last`'s: once one arm
    has filled the page, a later arm's rows beyond that cannot be on it, so
    its walk may stop there (rows tied on that key still come, and are sorted
    in with the rest). Compared by the database, in its own collation."""
    name = order[0].lstrip("-")
    return Q(**{f"{name}__{'gte' if order[0].startswith('-') else 'lte'}": last[0]})


def _joins_nothing(queryset: QuerySet[Any]) -> bool:
    """Only outer joins (select_related): every condition is on the row itself
    or an EXISTS, so dropping or swapping one cannot change which rows join."""
    return all(
        getattr(join, "join_type", None) in (None, LOUTER)
        for join in queryset.query.alias_map.values()
    )


def _read_back(queryset: QuerySet[Any], ids: set[Any]) -> QuerySet[Any]:
    """The rows `ids` with the list's columns and order, without its filter:
    they were found through it, and checking visibility again on each of them
    cost more than reading them."""
    page = queryset._chain()
    page.query.where = WhereNode()
    return page.filter(pk__in=ids)
