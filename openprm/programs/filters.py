"""The one filter definition of each programs list (pages, files, API)."""

from typing import Annotated

from django.db.models import Q
from ninja import FilterLookup, FilterSchema

from openprm.core.apikit.types import RecordId
from openprm.programs.models import DowngradeReviewState


class PartnershipFilter(FilterSchema):
    program: Annotated[RecordId | None, FilterLookup("program_id")] = None
    tier: Annotated[RecordId | None, FilterLookup("tier_id")] = None
    status: Annotated[str | None, FilterLookup("status")] = None
    manager: Annotated[RecordId | None, FilterLookup("channel_manager_id")] = None


class SnapshotFilter(FilterSchema):
    partnership: Annotated[RecordId | None, FilterLookup("partnership_id")] = None
    program: Annotated[RecordId | None, FilterLookup("partnership__program_id")] = None
    errors: bool | None = None

    def filter_errors(self, value: bool | None) -> Q:
        """Only the evaluations that could not count some records (or only
        those that counted everything)."""
        if value is None:
            return Q()
        return ~Q(incomplete=[]) if value else Q(incomplete=[])


class ReviewFilter(FilterSchema):
    state: Annotated[DowngradeReviewState | None, FilterLookup("state")] = None
    program: Annotated[RecordId | None, FilterLookup("partnership__program_id")] = None
