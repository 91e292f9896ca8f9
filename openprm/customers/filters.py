"""The one filter definition of each list, shared by the page, the API list
and the export, so all three show exactly the same rows."""

from typing import Annotated, ClassVar

from django.db.models import Q
from ninja import FilterLookup, FilterSchema

from openprm.core.apikit.types import RecordId
from openprm.core.places import country_code, region_filter_values
from openprm.core.search import prefix_q
from openprm.customers.models import AccountType, BillingStatus, LegalEntityKind


class AccountFilter(FilterSchema):
    """CUS-11: the general account search finds every type by name prefix."""

    custom_field_filters: ClassVar[bool] = True  # `custom.<name>` too (PLAT-7)

    q: str | None = None
    account_type: Annotated[AccountType | None, FilterLookup("account_type")] = None
    owner: Annotated[RecordId | None, FilterLookup("owner_id")] = None
    country: str | None = None
    region: Annotated[str | None, FilterLookup("region__iexact")] = None
    postal_code: Annotated[str | None, FilterLookup("postal_code__istartswith")] = None
    industry: Annotated[str | None, FilterLookup("industry")] = None
    is_sales_account: Annotated[bool | None, FilterLookup("is_sales_account")] = None
    named: Annotated[bool | None, FilterLookup("named")] = None
    existing: Annotated[bool | None, FilterLookup("existing")] = None
    legal_entity: Annotated[RecordId | None, FilterLookup("legal_entity_id")] = None
    parent: Annotated[RecordId | None, FilterLookup("parent_id")] = None

    def filter_q(self, value: str | None) -> Q:
        """Prefix search on the normalized indexed name: an index range scan."""
        return prefix_q("name_search", value or "")

    def filter_country(self, value: str | None) -> Q:
        """A country as people write it (`core.places`): "Germany", "DE", "DEU"."""
        if not value or not value.strip():
            return Q()
        return Q(country=country_code(value) or value.strip().upper())

    def filter_region(self, value: str | None) -> Q:
        """A region by its ISO 3166-2 code or name, read in the filter's country."""
        if not value or not value.strip():
            return Q()
        q = Q()
        for spelling in region_filter_values(value, self.country or ""):
            q |= Q(region__iexact=spelling)
        return q


class LegalEntityFilter(FilterSchema):
    q: str | None = None
    kind: Annotated[LegalEntityKind | None, FilterLookup("kind")] = None

    def filter_q(self, value: str | None) -> Q:
        return prefix_q("name_search", value or "")


class BillingAccountFilter(FilterSchema):
    account: Annotated[RecordId | None, FilterLookup("account_id")] = None
    status: Annotated[BillingStatus | None, FilterLookup("status")] = None
    number: Annotated[str | None, FilterLookup("number__istartswith")] = None
