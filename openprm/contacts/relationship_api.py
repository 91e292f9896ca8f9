"""A contact's relationships to customers and to other contacts (CON-12);
mounted on the contacts API's router."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status

from openprm.contacts import selectors, services
from openprm.contacts.models import Person
from openprm.contacts.schemas import (
    PrimaryPointIn,
    RelationshipIn,
    RelationshipOut,
    RelationshipPatchIn,
)
from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.types import RecordId

router = Router()


@router.get("/contacts/{contact_id}/relationships", response=list[RelationshipOut])
@reads(Person)
def relationship_list(request: HttpRequest, contact_id: RecordId) -> Any:
    """CON-12: relationships to customers and to other contacts."""
    return selectors.relationship_list(
        actor=request.actor, person=selectors.person_get(actor=request.actor, pk=contact_id)
    )


@router.post("/contacts/{contact_id}/relationships", response={201: RelationshipOut})
def relationship_create(request: HttpRequest, contact_id: RecordId, payload: RelationshipIn) -> Any:
    person = selectors.person_get(actor=request.actor, pk=contact_id)
    account = (
        selectors.account_get(actor=request.actor, pk=payload.account_id)
        if payload.account_id
        else None
    )
    related = (
        selectors.person_get(actor=request.actor, pk=payload.related_person_id)
        if payload.related_person_id
        else None
    )
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
def relationship_update(
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
def relationship_delete(request: HttpRequest, relationship_id: RecordId) -> Any:
    relationship = selectors.relationship_get(actor=request.actor, pk=relationship_id)
    services.relationship_delete(actor=request.actor, relationship=relationship)
    return Status(204, None)


@router.put("/relationships/{relationship_id}/primary-points", response=RelationshipOut)
def relationship_primary_point(
    request: HttpRequest, relationship_id: RecordId, payload: PrimaryPointIn
) -> Any:
    """CON-4: the contact point of its kind that is primary for this customer."""
    relationship = selectors.relationship_get(actor=request.actor, pk=relationship_id)
    point = selectors.contact_point_get(actor=request.actor, pk=payload.contact_point_id)
    services.relationship_set_primary_point(
        actor=request.actor, relationship=relationship, contact_point=point
    )
    return selectors.relationship_get(actor=request.actor, pk=relationship.pk)
