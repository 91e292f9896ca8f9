"""The one filter definition of each deals list (pages, files, API)."""

import datetime as dt
from typing import Annotated

from django.db.models import Q
from django.utils import timezone
from ninja import FilterLookup, FilterSchema

from openprm.core.apikit.types import RecordId
from openprm.core.search import prefix_q
from openprm.deals.housekeeping import overdue_cutoff
from openprm.deals.models import LeadStatus, OpportunityStage, RegistrationState

EXPIRING_DAYS = 30


class RegistrationFilter(FilterSchema):
    q: str | None = None
    state: Annotated[RegistrationState | None, FilterLookup("state")] = None
    partner: Annotated[RecordId | None, FilterLookup("partner_id")] = None
    overdue: bool | None = None
    expiring: bool | None = None

    def filter_q(self, value: str | None) -> Q:
        """The number (DR-000123) or the customer's name."""
        if not value or not value.strip():
            return Q()
        text = value.strip()
        return Q(number=text.upper()) | prefix_q("customer_key", text)

    def filter_overdue(self, value: bool | None) -> Q:
        """Submitted longer ago than the approval service level."""
        if not value:
            return Q()
        return Q(state="submitted", submitted_at__lt=overdue_cutoff())

    def filter_expiring(self, value: bool | None) -> Q:
        """Approved, with protection ending within 30 days."""
        if not value:
            return Q()
        today = timezone.localdate()
        return Q(
            state="approved",
            protection_ends__gte=today,
            protection_ends__lte=today + dt.timedelta(days=EXPIRING_DAYS),
        )


class OpportunityFilter(FilterSchema):
    q: str | None = None
    stage: Annotated[OpportunityStage | None, FilterLookup("stage")] = None
    is_open: Annotated[bool | None, FilterLookup("is_open")] = None
    partner: Annotated[RecordId | None, FilterLookup("partner_id")] = None

    def filter_q(self, value: str | None) -> Q:
        return Q(name__istartswith=value.strip()) if value and value.strip() else Q()


class LeadFilter(FilterSchema):
    q: str | None = None
    status: Annotated[LeadStatus | None, FilterLookup("status")] = None
    partner: Annotated[RecordId | None, FilterLookup("partner_id")] = None

    def filter_q(self, value: str | None) -> Q:
        return Q(name__istartswith=value.strip()) if value and value.strip() else Q()
