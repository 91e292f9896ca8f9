"""Contacts API: parse, call a service or selector, render. The contacts
and a customer's contacts are here; contact points, relationships, saved
searches and households have API modules of their own, mounted on this
router."""

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from openprm.contacts import (
    household_api,
    point_api,
    relationship_api,
    search_api,
    selectors,
    services,
    tables,
)
from openprm.contacts.filters import ContactFilter
from openprm.contacts.models import Person
from openprm.contacts.schemas import (
    AccountContactOut,
    ContactCreateIn,
    ContactListOut,
    ContactOut,
    ContactPatchIn,
    DuplicateContactOut,
    FavoriteOut,
    PrimaryContactIn,
)
from openprm.core.apikit.conflicts import answers_duplicates
from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.core.errors import NotFound
from openprm.customers.models import Account
from openprm.imports.external_ids import with_external_id

router = Router(tags=["contacts"])


def _person(request: HttpRequest, pk: int) -> Person:
    return selectors.person_get(actor=request.actor, pk=pk)


# Contacts -----------------------------------------------------------------


@router.get("/contacts", response=list[ContactListOut])
@reads(Person)
@paginate(PagePagination)
def contact_list(
    request: HttpRequest,
    filters: ContactFilter = Query(...),  # type: ignore[type-arg]  # noqa: B008
    saved_search: RecordId | None = None,
    sort: sort_choices(tables.CONTACTS.sortable) = tables.CONTACTS.default_sort,
) -> Any:
    """All Contacts search (CON-8: a term of two characters or more), or a
    saved search (CON-7); without either, My Contacts, as the list page opens.
    `custom.<name>=value` filters by custom fields."""
    rows = tables.CONTACTS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)
    return with_external_id(rows, request.actor)


@router.post("/contacts", response={201: ContactOut})
@answers_duplicates(DuplicateContactOut)
def contact_create(request: HttpRequest, payload: ContactCreateIn) -> Any:
    """CON-2: answers 409 with `candidates` when similar contacts exist,
    unless `confirm_duplicates` is true."""
    person = services.contact_create(actor=request.actor, **payload.model_dump())
    return Status(201, person)


@router.get("/contacts/{contact_id}", response=ContactOut)
@reads(Person)
def contact_get(request: HttpRequest, contact_id: RecordId) -> Any:
    return _person(request, contact_id)


@router.patch("/contacts/{contact_id}", response=ContactOut)
def contact_update(request: HttpRequest, contact_id: RecordId, payload: ContactPatchIn) -> Any:
    return services.contact_update(
        actor=request.actor,
        person=_person(request, contact_id),
        changes=sent_changes(payload),
        expected_version=payload.version,
    )


@router.delete("/contacts/{contact_id}", response={204: None})
def contact_delete(request: HttpRequest, contact_id: RecordId) -> Any:
    """CON-11: needs Delete Sales Party Contact and Full or Edit access to a
    related customer."""
    services.contact_delete(actor=request.actor, person=_person(request, contact_id))
    return Status(204, None)


@router.put("/contacts/{contact_id}/favorite", response=FavoriteOut)
def contact_favorite(request: HttpRequest, contact_id: RecordId) -> Any:
    person = _person(request, contact_id)
    return {"favorite": services.favorite_set(actor=request.actor, person=person, favorite=True)}


@router.delete("/contacts/{contact_id}/favorite", response=FavoriteOut)
def contact_unfavorite(request: HttpRequest, contact_id: RecordId) -> Any:
    person = _person(request, contact_id)
    return {"favorite": services.favorite_set(actor=request.actor, person=person, favorite=False)}


@router.get("/contacts/{contact_id}/picture", response={200: None})
def contact_picture(request: HttpRequest, contact_id: RecordId) -> HttpResponse:
    """CON-5: the picture, only to users who may see the contact."""
    person = _person(request, contact_id)
    if not person.picture:
        raise NotFound()
    return FileResponse(person.picture.open("rb"))


@router.post("/contacts/{contact_id}/picture", response=ContactOut)
def contact_picture_upload(
    request: HttpRequest,
    contact_id: RecordId,
    picture: UploadedFile = File(...),  # noqa: B008
) -> Any:
    """CON-5: JPEG, PNG or WebP, at most 2 MB."""
    return services.contact_set_picture(
        actor=request.actor, person=_person(request, contact_id), upload=picture
    )


@router.delete("/contacts/{contact_id}/picture", response=ContactOut)
def contact_picture_delete(request: HttpRequest, contact_id: RecordId) -> Any:
    return services.contact_set_picture(
        actor=request.actor, person=_person(request, contact_id), upload=None
    )


# Accounts' contacts ---------------------------------------------------------


@router.get("/accounts/{account_id}/contacts", response=list[AccountContactOut])
@reads(Account)
@paginate(PagePagination)
def account_contacts(
    request: HttpRequest,
    account_id: RecordId,
    sort: sort_choices(tables.ACCOUNT_CONTACTS.sortable) = tables.ACCOUNT_CONTACTS.default_sort,
) -> Any:
    """The customer's contacts, its primary contact first (CON-3)."""
    return tables.ACCOUNT_CONTACTS.rows(
        actor=request.actor, query=request.GET, sort=sort, account_id=account_id
    )


@router.put("/accounts/{account_id}/primary-contact", response=list[AccountContactOut])
def account_primary_contact(
    request: HttpRequest, account_id: RecordId, payload: PrimaryContactIn
) -> Any:
    """CON-3: at most one primary contact per customer, set from the customer;
    answers the primary contact (an empty list when cleared)."""
    account = selectors.account_get(actor=request.actor, pk=account_id)
    person = _person(request, payload.person_id) if payload.person_id else None
    services.account_set_primary_contact(actor=request.actor, account=account, person=person)
    contacts = selectors.account_contact_list(actor=request.actor, account=account)
    return contacts.filter(is_primary_contact=True)


for topic in (point_api, relationship_api, search_api, household_api):
    router.add_router("", topic.router)
