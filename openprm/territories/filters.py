"""The one filter definition of the territory list, shared by the page, the
API list and the export (TER-1)."""

from typing import Annotated

from django.db.models import Q
from ninja import FilterLookup, FilterSchema

from openprm.core.apikit.types import RecordId
from openprm.territories.models import TerritoryType


class TerritoryFilter(FilterSchema):
    """Territories are few (hundreds), so a case-insensitive name prefix is cheap."""

    q: str | None = None
    territory_type: Annotated[TerritoryType | None, FilterLookup("territory_type")] = None
    active: Annotated[bool | None, FilterLookup("active")] = None
    parent: Annotated[RecordId | None, FilterLookup("parent_id")] = None

    def filter_q(self, value: str | None) -> Q:
        return Q(name__istartswith=value.strip()) if value and value.strip() else Q()
