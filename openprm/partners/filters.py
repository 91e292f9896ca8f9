"""One filter definition per list, shared by the page, the API and the export."""

from typing import Annotated, ClassVar

from django.db.models import Q
from ninja import FilterLookup, FilterSchema

from openprm.core.apikit.types import RecordId
from openprm.core.places import country_code, region_filter_values
from openprm.core.search import prefix_q, search_key
from openprm.partners.models import PartnerContactLevel, PartnerStatus


class PartnerFilter(FilterSchema):
    """Partners by name prefix (indexed normalized name), status, place, owner, parent."""

    custom_field_filters: ClassVar[bool] = True  # `custom.<name>` too (PLAT-7)

    q: str | None = None
    status: Annotated[PartnerStatus | None, FilterLookup("status")] = None
    country: str | None = None
    region: str | None = None
    owner: Annotated[RecordId | None, FilterLookup("account__owner_id")] = None
    parent: Annotated[RecordId | None, FilterLookup("account__parent_id")] = None

    def filter_q(self, value: str | None) -> Q:
        return prefix_q("account__name_search", value or "")

    def filter_country(self, value: str | None) -> Q:
        """A country as people write it (`core.places`): "Germany", "DE", "DEU"."""
        if not value or not value.strip():
            return Q()
        return Q(account__country=country_code(value) or value.strip().upper())

    def filter_region(self, value: str | None) -> Q:
        """A region by its ISO 3166-2 code or name, read in the filter's country."""
        if not value or not value.strip():
            return Q()
        q = Q()
        for spelling in region_filter_values(value, self.country or ""):
            q |= Q(account__region__iexact=spelling)
        return q


class PartnerContactFilter(FilterSchema):
    """Partner contacts by name prefix, level and role."""

    q: str | None = None
    level: Annotated[PartnerContactLevel | None, FilterLookup("level")] = None
    role: Annotated[RecordId | None, FilterLookup("role_id")] = None

    def filter_q(self, value: str | None) -> Q:
        key = search_key(value or "")
        if not key:
            return Q()
        return prefix_q("person__name_search", key) | prefix_q("person__last_name_search", key)
