"""A user's saved views of lists, on the platform API's router: what a
client shows as the user's views above a list, and saves or removes."""

from typing import Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId
from openprm.core.apikit.types import StrictInput as Input
from openprm.core.savedviews.models import MAX_QUERY, SavedView
from openprm.core.savedviews.selectors import saved_view_list
from openprm.core.savedviews.services import saved_view_create, saved_view_delete

router = Router()


class SavedViewOut(Schema):
    id: int
    list_name: str
    name: str
    query: str = Field(description="The list's filters and sort, as a URL query string")


class SavedViewIn(Input):
    list_name: str = Field(..., max_length=80, description="The list, e.g. deals.registrations")
    name: str = Field(..., max_length=60)
    query: str = Field(..., max_length=MAX_QUERY, description="e.g. state=submitted&sort=-age")


class SavedViewQuery(Schema):
    list_name: str = Field("", max_length=80, description="Only the views of this list")


@router.get("/saved-views", response=list[SavedViewOut])
@reads(SavedView)
@paginate(PagePagination)
def saved_view_index(request: HttpRequest, query: Query[SavedViewQuery]) -> Any:
    return saved_view_list(actor=request.actor, list_name=query.list_name)


@router.post("/saved-views", response={201: SavedViewOut})
def saved_view_add(request: HttpRequest, payload: SavedViewIn) -> Status[SavedView]:
    return Status(201, saved_view_create(actor=request.actor, **payload.model_dump()))


@router.delete("/saved-views/{view_id}", response={204: None})
def saved_view_remove(request: HttpRequest, view_id: RecordId) -> Status[None]:
    saved_view_delete(actor=request.actor, pk=view_id)
    return Status(204, None)
