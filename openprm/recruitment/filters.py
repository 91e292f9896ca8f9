"""The one filter definition of the applications list (page, files, API)."""

import datetime as dt
from typing import Annotated

from django.db.models import Q
from ninja import FilterLookup, FilterSchema

from openprm.core.apikit.types import RecordId
from openprm.core.search import prefix_q
from openprm.recruitment.models import ApplicationState


class ApplicationFilter(FilterSchema):
    q: str | None = None
    state: Annotated[ApplicationState | None, FilterLookup("state")] = None
    program: Annotated[RecordId | None, FilterLookup("program_id")] = None
    submitted_from: Annotated[dt.date | None, FilterLookup("submitted_at__date__gte")] = None
    submitted_to: Annotated[dt.date | None, FilterLookup("submitted_at__date__lte")] = None

    def filter_q(self, value: str | None) -> Q:
        """The company's name, from its start."""
        if not value or not value.strip():
            return Q()
        return prefix_q("name_search", value.strip())
