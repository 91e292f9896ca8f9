"""The one filter definition of the product list (page, files, API)."""

from typing import Annotated

from django.db.models import Q
from ninja import FilterLookup, FilterSchema

from openprm.core.search import key_prefix_q, prefix_q


class ProductFilter(FilterSchema):
    q: str | None = None
    family: Annotated[str | None, FilterLookup("family")] = None
    is_active: Annotated[bool | None, FilterLookup("is_active")] = None

    def filter_q(self, value: str | None) -> Q:
        """A name or code prefix, both indexed."""
        if not value or not value.strip():
            return Q()
        return prefix_q("name_search", value) | key_prefix_q("code", value.strip().upper())
