"""Saved searches (CON-7): the predefined ones and the caller's own; mounted
on the contacts API's router."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from openprm.contacts import selectors, services, tables
from openprm.contacts.models import SavedSearch
from openprm.contacts.schemas import (
    SavedSearchIn,
    SavedSearchOut,
    SavedSearchPatchIn,
)
from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.types import RecordId, sort_choices

router = Router()


@router.get("/saved-searches", response=list[SavedSearchOut])
@reads(SavedSearch)
def saved_search_list(
    request: HttpRequest,
    sort: sort_choices(tables.SAVED_SEARCHES.sortable) = tables.SAVED_SEARCHES.default_sort,
) -> Any:
    """CON-7: the four predefined searches and the caller's own."""
    return tables.SAVED_SEARCHES.rows(actor=request.actor, query=request.GET, sort=sort)


@router.post("/saved-searches", response={201: SavedSearchOut})
def saved_search_create(request: HttpRequest, payload: SavedSearchIn) -> Any:
    return Status(201, services.saved_search_create(actor=request.actor, **payload.model_dump()))


@router.get("/saved-searches/{search_id}", response=SavedSearchOut)
@reads(SavedSearch)
def saved_search_get(request: HttpRequest, search_id: RecordId) -> Any:
    return selectors.saved_search_get(actor=request.actor, pk=search_id)


@router.patch("/saved-searches/{search_id}", response=SavedSearchOut)
def saved_search_update(
    request: HttpRequest, search_id: RecordId, payload: SavedSearchPatchIn
) -> Any:
    """Predefined searches answer 403: nobody can change them."""
    search = selectors.saved_search_get(actor=request.actor, pk=search_id)
    return services.saved_search_update(
        actor=request.actor,
        search=search,
        changes=sent_changes(payload),
        expected_version=payload.version,
    )


@router.delete("/saved-searches/{search_id}", response={204: None})
def saved_search_delete(request: HttpRequest, search_id: RecordId) -> Any:
    search = selectors.saved_search_get(actor=request.actor, pk=search_id)
    services.saved_search_delete(actor=request.actor, search=search)
    return Status(204, None)
