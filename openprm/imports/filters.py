"""The one filter definition of the import list (page, files, API)."""

from typing import Annotated

from ninja import FilterLookup, FilterSchema

from openprm.imports.models import ImportJobStatus


class ImportJobFilter(FilterSchema):
    """A client that started imports polls for those still queued or
    running, or collects the failed ones, without paging through the rest."""

    status: Annotated[ImportJobStatus | None, FilterLookup("status")] = None
