"""Contact points and their preferences (CON-4, CON-9, CON-10); mounted on
the contacts API's router."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from openprm.contacts import selectors, services
from openprm.contacts.models import ContactPoint, Person
from openprm.contacts.schemas import (
    ContactPointIn,
    ContactPointOut,
    ContactPointPatchIn,
    PreferenceIn,
    PreferenceOut,
    PreferencePatchIn,
)
from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.types import RecordId

router = Router()


@router.get("/contacts/{contact_id}/contact-points", response=list[ContactPointOut])
@reads(Person)
def contact_point_list(request: HttpRequest, contact_id: RecordId) -> Any:
    return selectors.contact_point_list(
        actor=request.actor, person=selectors.person_get(actor=request.actor, pk=contact_id)
    )


@router.post("/contacts/{contact_id}/contact-points", response={201: ContactPointOut})
def contact_point_create(
    request: HttpRequest, contact_id: RecordId, payload: ContactPointIn
) -> Any:
    """CON-4: the first point of a kind becomes the overall primary."""
    values = payload.model_dump()
    point = services.contact_point_add(
        actor=request.actor,
        person=selectors.person_get(actor=request.actor, pk=contact_id),
        **values,
    )
    return Status(201, selectors.contact_point_get(actor=request.actor, pk=point.pk))


@router.get("/contact-points/{point_id}", response=ContactPointOut)
@reads(ContactPoint)
def contact_point_get(request: HttpRequest, point_id: RecordId) -> Any:
    return selectors.contact_point_get(actor=request.actor, pk=point_id)


@router.patch("/contact-points/{point_id}", response=ContactPointOut)
def contact_point_update(
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
def contact_point_delete(request: HttpRequest, point_id: RecordId) -> Any:
    point = selectors.contact_point_get(actor=request.actor, pk=point_id)
    services.contact_point_delete(actor=request.actor, point=point)
    return Status(204, None)


@router.get("/contact-points/{point_id}/preferences", response=list[PreferenceOut])
@reads(ContactPoint)
def preference_list(request: HttpRequest, point_id: RecordId) -> Any:
    point = selectors.contact_point_get(actor=request.actor, pk=point_id)
    return selectors.preference_list(actor=request.actor, point=point)


@router.post("/contact-points/{point_id}/preferences", response={201: PreferenceOut})
def preference_create(request: HttpRequest, point_id: RecordId, payload: PreferenceIn) -> Any:
    """CON-9/CON-10: a LEGAL reason needs Legal Contact Preferences Management."""
    point = selectors.contact_point_get(actor=request.actor, pk=point_id)
    return Status(
        201, services.preference_add(actor=request.actor, point=point, **payload.model_dump())
    )


@router.patch("/preferences/{preference_id}", response=PreferenceOut)
def preference_update(
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
def preference_delete(request: HttpRequest, preference_id: RecordId) -> Any:
    preference = selectors.preference_get(actor=request.actor, pk=preference_id)
    services.preference_delete(actor=request.actor, preference=preference)
    return Status(204, None)
