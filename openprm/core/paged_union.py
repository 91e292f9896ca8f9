"""Pages of a list whose filter is an OR of index-friendly alternatives.

A name search matches the last name *or* the full name. Written as one
`WHERE a OR b ORDER BY … LIMIT 50`, both databases collect every match of
both alternatives and sort them all before the first page (about 60,000 rows
for "ma" at 1,000,000 contacts). Each alternative on its own is one index
walk in list order that stops at the page. So a page `[start:stop]` is read
arm by arm: the first `stop` rows of each alternative (with every other
condition of the query, visibility included), then the page from those few
rows. That is exact because every row of the list satisfies at least one
alternative, so the first `stop` rows of the list are among the first `stop`
of some alternative.

Everything else — counts, exports (iteration), `exists()` — runs the full
query unchanged.
"""

from collections.abc import Sequence
from typing import Any, Self

from django.db.models import Q, QuerySet
from django.db.models.query import ModelIterable


class PagedUnionQuerySet(QuerySet[Any]):
    """A QuerySet that can be told which alternatives its filter is made of."""

    _union_arms: tuple[Q, ...] = ()

    def paged_by_arms(self, arms: Sequence[Q]) -> Self:
        """Declare `arms`: the caller guarantees every row matches one of them
        (they are the terms of an OR the query already filters on)."""
        clone = self._chain()
        clone._union_arms = tuple(arms)
        return clone

    def _clone(self) -> Self:
        clone = super()._clone()
        clone._union_arms = self._union_arms
        return clone

    def __getitem__(self, k: Any) -> Any:
        if not self._pages_by_arms(k):
            return super().__getitem__(k)
        whole = self._chain()
        whole._union_arms = ()
        candidates = whole.prefetch_related(None)
        ids: set[Any] = set()
        for arm in self._union_arms:
            ids.update(candidates.filter(arm).values_list("pk", flat=True)[: k.stop])
        return whole.filter(pk__in=ids)[k]

    def _pages_by_arms(self, k: Any) -> bool:
        return bool(
            self._union_arms
            and isinstance(k, slice)
            and k.stop is not None
            and self._result_cache is None
            and not self.query.is_sliced
            and self._iterable_class is ModelIterable
            and self.ordered
        )
