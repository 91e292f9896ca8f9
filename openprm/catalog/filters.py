"""The filter definitions of the catalog's lists (page, files, API)."""

from typing import Annotated

from django.db.models import Q
from ninja import FilterLookup, FilterSchema

from openprm.catalog.models import PriceListAudience, ProductType
from openprm.core.apikit.types import RecordId
from openprm.core.search import key_prefix_q, prefix_q


def _name_or_code(value: str | None) -> Q:
    """A name or code prefix, both indexed."""
    if not value or not value.strip():
        return Q()
    return prefix_q("name_search", value) | key_prefix_q("code", value.strip().upper())


class ProductFilter(FilterSchema):
    q: str | None = None
    family: Annotated[str | None, FilterLookup("family")] = None
    type: Annotated[ProductType | None, FilterLookup("type")] = None
    is_active: Annotated[bool | None, FilterLookup("is_active")] = None

    def filter_q(self, value: str | None) -> Q:
        return _name_or_code(value)


class OfferFilter(FilterSchema):
    """The catalog a buyer browses (ORD-1); `customer_id` picks the price
    list of the customer ordered for, read by the list's select."""

    q: str | None = None
    family: Annotated[str | None, FilterLookup("family")] = None
    type: Annotated[ProductType | None, FilterLookup("type")] = None
    customer_id: RecordId | None = None

    def filter_q(self, value: str | None) -> Q:
        return _name_or_code(value)

    def filter_customer_id(self, value: RecordId | None) -> Q:
        return Q()


class PriceListFilter(FilterSchema):
    q: Annotated[str | None, FilterLookup("name__icontains")] = None
    audience: Annotated[PriceListAudience | None, FilterLookup("audience")] = None
