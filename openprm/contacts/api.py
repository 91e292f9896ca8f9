"""Contacts API: parse, call a service or selector, render."""

from typing import Any

from django.http import FileResponse, HttpRequest, HttpResponse
from ninja import File, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from openprm.contacts import selectors, services, tables
from openprm.contacts.filters import ContactFilter
from openprm.contacts.models import Person
from openprm.contacts.schemas import (
    AccountContactOut,
    ContactCreateIn,
    ContactListOut,
    ContactOut,
    ContactPatchIn,
    ContactPointIn,
    ContactPointOut,
    ContactPointPatchIn,
    FavoriteOut,
    HouseholdIn,
    HouseholdMemberIn,
    HouseholdOut,
    HouseholdPatchIn,
    PreferenceIn,
    PreferenceOut,
    PreferencePatchIn,
    PrimaryContactIn,
    PrimaryPointIn,
    RelationshipIn,
    RelationshipOut,
    RelationshipPatchIn,
    SavedSearchIn,
    SavedSearchOut,
    SavedSearchPatchIn,
)
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.core.errors import NotFound

router = Router(tags=["contacts"])


def _person(request: HttpRequest, pk: int) -> Person:
    return selectors.person_get(actor=request.actor, pk=pk)


# Contacts -----------------------------------------------------------------


@router.get("/contacts", response=list[ContactListOut])
@paginate(PagePagination)
def contacts_list(
    request: HttpRequest,
    filters: ContactFilter = Query(...),  # type: ignore[type-arg]  # noqa: B008
    saved_search: RecordId | None = None,
    sort: sort_choices(tables.CONTACTS.sortable) = tables.CONTACTS.default_sort,
) -> Any:
    """All Contacts search (CON-8: a term of two characters or more), or a
    saved search (CON-7); without either, My Contacts, as the list page opens.
    `custom.<name>=value` filters by custom fields."""
    return tables.CONTACTS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.post("/contacts", response={201: ContactOut})
def contacts_create(request: HttpRequest, payload: ContactCreateIn) -> Any:
    """CON-2: answers 409 with `candidates` when similar contacts exist,
    unless `confirm_duplicates` is true."""
    person = services.contact_create(actor=request.actor, **payload.model_dump())
    return Status(201, person)


@router.get("/contacts/{contact_id}", response=ContactOut)
def contacts_get(request: HttpRequest, contact_id: RecordId) -> Any:
    return _person(request, contact_id)


@router.patch("/contacts/{contact_id}", response=ContactOut)
def contacts_update(request: HttpRequest, contact_id: RecordId, payload: ContactPatchIn) -> Any:
    return services.contact_update(
        actor=request.actor,
        person=_person(request, contact_id),
        changes=sent_changes(payload),
        expected_version=payload.version,
    )


@router.delete("/contacts/{contact_id}", response={204: None})
def contacts_delete(request: HttpRequest, contact_id: RecordId) -> Any:
    """CON-11: needs Delete Sales Party Contact and Full or Edit access to a
    related customer."""
    services.contact_delete(actor=request.actor, person=_person(request, contact_id))
    return Status(204, None)


@router.put("/contacts/{contact_id}/favorite", response=FavoriteOut)
def contacts_favorite(request: HttpRequest, contact_id: RecordId) -> Any:
    person = _person(request, contact_id)
    return {"favorite": services.favorite_set(actor=request.actor, person=person, favorite=True)}


@router.delete("/contacts/{contact_id}/favorite", response=FavoriteOut)
def contacts_unfavorite(request: HttpRequest, contact_id: RecordId) -> Any:
    person = _person(request, contact_id)
    return {"favorite": services.favorite_set(actor=request.actor, person=person, favorite=False)}


@router.get("/contacts/{contact_id}/picture", response={200: None})
def contacts_picture(request: HttpRequest, contact_id: RecordId) -> HttpResponse:
    """CON-5: the picture, only to users who may see the contact."""
    person = _person(request, contact_id)
    if not person.picture:
        raise NotFound()
    return FileResponse(person.picture.open("rb"))


@router.post("/contacts/{contact_id}/picture", response=ContactOut)
def contacts_picture_upload(
    request: HttpRequest,
    contact_id: RecordId,
    picture: UploadedFile = File(...),  # noqa: B008
) -> Any:
    """CON-5: JPEG, PNG or WebP, at most 2 MB."""
    return services.contact_set_picture(
        actor=request.actor, person=_person(request, contact_id), upload=picture
    )


@router.delete("/contacts/{contact_id}/picture", response=ContactOut)
def contacts_picture_delete(request: HttpRequest, contact_id: RecordId) -> Any:
    return services.contact_set_picture(
        actor=request.actor, person=_person(request, contact_id), upload=None
    )


# Contact points and preferences -------------------------------------------


@router.get("/contacts/{contact_id}/contact-points", response=list[ContactPointOut])
def contact_points_list(request: HttpRequest, contact_id: RecordId) -> Any:
    return selectors.contact_point_list(actor=request.actor, person=_person(request, contact_id))


@router.post("/contacts/{contact_id}/contact-points", response={201: ContactPointOut})
def contact_points_create(
    request: HttpRequest, contact_id: RecordId, payload: ContactPointIn
) -> Any:
    """CON-4: the first point of a kind becomes the overall primary."""
    values = payload.model_dump()
    point = services.contact_point_add(
        actor=request.actor, person=_person(request, contact_id), **values
    )
    return Status(201, selectors.contact_point_get(actor=request.actor, pk=point.pk))


@router.get("/contact-points/{point_id}", response=ContactPointOut)
def contact_points_get(request: HttpRequest, point_id: RecordId) -> Any:
    return selectors.contact_point_get(actor=request.actor, pk=point_id)


@router.patch("/contact-points/{point_id}", response=ContactPointOut)
def contact_points_update(
    request: HttpRequest, point_id: RecordId, payload: ContactPointPatchIn
) -> Any:
    point = selectors.contact_point_get(actor=request.actor, pk=point_id)
    changes = sent_changes(payload)
    make_primary = changes.pop("is_primary", None)
    if changes:
        point = services.contact_point_update(
            actor=request.actor, point=point, changes=changes, expected_version=payload.version
        )
    if make_primary:
        point = services.contact_point_make_primary(actor=request.actor, point=point)
    return selectors.contact_point_get(actor=request.actor, pk=point.pk)


@router.delete("/contact-points/{point_id}", response={204: None})
def contact_points_delete(request: HttpRequest, point_id: RecordId) -> Any:
    point = selectors.contact_point_get(actor=request.actor, pk=point_id)
    services.contact_point_delete(actor=request.actor, point=point)
    return Status(204, None)


@router.get("/contact-points/{point_id}/preferences", response=list[PreferenceOut])
def preferences_list(request: HttpRequest, point_id: RecordId) -> Any:
    point = selectors.contact_point_get(actor=request.actor, pk=point_id)
    return selectors.preference_list(actor=request.actor, point=point)


@router.post("/contact-points/{point_id}/preferences", response={201: PreferenceOut})
def preferences_create(request: HttpRequest, point_id: RecordId, payload: PreferenceIn) -> Any:
    """CON-9/CON-10: a LEGAL reason needs Legal Contact Preferences Management."""
    point = selectors.contact_point_get(actor=request.actor, pk=point_id)
    return Status(
        201, services.preference_add(actor=request.actor, point=point, **payload.model_dump())
    )


@router.patch("/preferences/{preference_id}", response=PreferenceOut)
def preferences_update(
    request: HttpRequest, preference_id: RecordId, payload: PreferencePatchIn
) -> Any:
    preference = selectors.preference_get(actor=request.actor, pk=preference_id)
    return services.preference_update(
        actor=request.actor,
        preference=preference,
        changes=sent_changes(payload),
        expected_version=payload.version,
    )


@router.delete("/preferences/{preference_id}", response={204: None})
def preferences_delete(request: HttpRequest, preference_id: RecordId) -> Any:
    preference = selectors.preference_get(actor=request.actor, pk=preference_id)
    services.preference_delete(actor=request.actor, preference=preference)
    return Status(204, None)


# Relationships --------------------------------------------------------------


@router.get("/contacts/{contact_id}/relationships", response=list[RelationshipOut])
def relationships_list(request: HttpRequest, contact_id: RecordId) -> Any:
    """CON-12: relationships to customers and to other contacts."""
    return selectors.relationship_list(actor=request.actor, person=_person(request, contact_id))


@router.post("/contacts/{contact_id}/relationships", response={201: RelationshipOut})
def relationships_create(
    request: HttpRequest, contact_id: RecordId, payload: RelationshipIn
) -> Any:
    person = _person(request, contact_id)
    account = (
        selectors.account_get(actor=request.actor, pk=payload.account_id)
        if payload.account_id
        else None
    )
    related = _person(request, payload.related_person_id) if payload.related_person_id else None
    relationship = services.relationship_add(
        actor=request.actor,
        person=person,
        account=account,
        related_person=related,
        relationship_type=payload.relationship_type,
        job_title=payload.job_title,
    )
    return Status(201, selectors.relationship_get(actor=request.actor, pk=relationship.pk))


@router.patch("/relationships/{relationship_id}", response=RelationshipOut)
def relationships_update(
    request: HttpRequest, relationship_id: RecordId, payload: RelationshipPatchIn
) -> Any:
    relationship = selectors.relationship_get(actor=request.actor, pk=relationship_id)
    return services.relationship_update(
        actor=request.actor,
        relationship=relationship,
        changes=sent_changes(payload),
        expected_version=payload.version,
    )


@router.delete("/relationships/{relationship_id}", response={204: None})
def relationships_delete(request: HttpRequest, relationship_id: RecordId) -> Any:
    relationship = selectors.relationship_get(actor=request.actor, pk=relationship_id)
    services.relationship_delete(actor=request.actor, relationship=relationship)
    return Status(204, None)


@router.put("/relationships/{relationship_id}/primary-points", response=RelationshipOut)
def relationships_primary_point(
    request: HttpRequest, relationship_id: RecordId, payload: PrimaryPointIn
) -> Any:
    """CON-4: the contact point of its kind that is primary for this customer."""
    relationship = selectors.relationship_get(actor=request.actor, pk=relationship_id)
    point = selectors.contact_point_get(actor=request.actor, pk=payload.contact_point_id)
    services.relationship_set_primary_point(
        actor=request.actor, relationship=relationship, contact_point=point
    )
    return selectors.relationship_get(actor=request.actor, pk=relationship.pk)


# Accounts' contacts ---------------------------------------------------------


@router.get("/accounts/{account_id}/contacts", response=list[AccountContactOut])
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


# Saved searches -------------------------------------------------------------


@router.get("/saved-searches", response=list[SavedSearchOut])
def saved_searches_list(
    request: HttpRequest,
    sort: sort_choices(tables.SAVED_SEARCHES.sortable) = tables.SAVED_SEARCHES.default_sort,
) -> Any:
    """CON-7: the four predefined searches and the caller's own."""
    return tables.SAVED_SEARCHES.rows(actor=request.actor, query=request.GET, sort=sort)


@router.post("/saved-searches", response={201: SavedSearchOut})
def saved_searches_create(request: HttpRequest, payload: SavedSearchIn) -> Any:
    return Status(201, services.saved_search_create(actor=request.actor, **payload.model_dump()))


@router.get("/saved-searches/{search_id}", response=SavedSearchOut)
def saved_searches_get(request: HttpRequest, search_id: RecordId) -> Any:
    return selectors.saved_search_get(actor=request.actor, pk=search_id)


@router.patch("/saved-searches/{search_id}", response=SavedSearchOut)
def saved_searches_update(
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
def saved_searches_delete(request: HttpRequest, search_id: RecordId) -> Any:
    search = selectors.saved_search_get(actor=request.actor, pk=search_id)
    services.saved_search_delete(actor=request.actor, search=search)
    return Status(204, None)


# Households -----------------------------------------------------------------


@router.get("/households", response=list[HouseholdOut])
@paginate(PagePagination)
def households_list(
    request: HttpRequest,
    q: str = "",
    sort: sort_choices(tables.HOUSEHOLDS.sortable) = tables.HOUSEHOLDS.default_sort,
) -> Any:
    """CUS-10: `q` finds names starting with it."""
    return tables.HOUSEHOLDS.rows(actor=request.actor, query=request.GET, sort=sort)


@router.post("/households", response={201: HouseholdOut})
def households_create(request: HttpRequest, payload: HouseholdIn) -> Any:
    members = [_person(request, pk) for pk in dict.fromkeys(payload.member_ids)]
    household = services.household_create(actor=request.actor, name=payload.name, members=members)
    return Status(201, selectors.household_get(actor=request.actor, pk=household.pk))


@router.get("/households/{household_id}", response=HouseholdOut)
def households_get(request: HttpRequest, household_id: RecordId) -> Any:
    return selectors.household_get(actor=request.actor, pk=household_id)


@router.patch("/households/{household_id}", response=HouseholdOut)
def households_update(
    request: HttpRequest, household_id: RecordId, payload: HouseholdPatchIn
) -> Any:
    household = selectors.household_get(actor=request.actor, pk=household_id)
    services.household_update(
        actor=request.actor,
        household=household,
        changes=sent_changes(payload),
        expected_version=payload.version,
    )
    return selectors.household_get(actor=request.actor, pk=household_id)


@router.delete("/households/{household_id}", response={204: None})
def households_delete(request: HttpRequest, household_id: RecordId) -> Any:
    """CUS-10: memberships are severed; the members remain."""
    household = selectors.household_get(actor=request.actor, pk=household_id)
    services.household_delete(actor=request.actor, household=household)
    return Status(204, None)


@router.post("/households/{household_id}/members", response={201: HouseholdOut})
def households_add_member(
    request: HttpRequest, household_id: RecordId, payload: HouseholdMemberIn
) -> Any:
    household = selectors.household_get(actor=request.actor, pk=household_id)
    services.household_add_member(
        actor=request.actor,
        household=household,
        person=_person(request, payload.person_id),
        role=payload.role,
    )
    return Status(201, selectors.household_get(actor=request.actor, pk=household_id))


@router.delete("/household-members/{membership_id}", response={204: None})
def households_remove_member(request: HttpRequest, membership_id: RecordId) -> Any:
    membership = selectors.household_membership_get(actor=request.actor, pk=membership_id)
    services.household_remove_member(actor=request.actor, membership=membership)
    return Status(204, None)
