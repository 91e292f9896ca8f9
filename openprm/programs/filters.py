"""The one filter definition of each programs list (pages, files, API)."""

from typing import Annotated, Literal

from ninja import FilterLookup, FilterSchema

from openprm.core.apikit.types import RecordId


class PartnershipFilter(FilterSchema):
    program: Annotated[RecordId | None, FilterLookup("program_id")] = None


class SnapshotFilter(FilterSchema):
    partnership: Annotated[RecordId | None, FilterLookup("partnership_id")] = None


class ReviewFilter(FilterSchema):
    state: Annotated[
        Literal["open", "accepted", "waived", "automatic", "recovered"] | None,
        FilterLookup("state"),
    ] = None
