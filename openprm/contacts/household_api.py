"""Households and their members (CUS-10); mounted on the contacts API's
router."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from openprm.contacts import selectors, services, tables
from openprm.contacts.models import Household
from openprm.contacts.schemas import (
    HouseholdIn,
    HouseholdMemberIn,
    HouseholdOut,
    HouseholdPatchIn,
)
from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices

router = Router()


@router.get("/households", response=list[HouseholdOut])
@reads(Household)
@paginate(PagePagination)
def household_list(
    request: HttpRequest,
    q: str = "",
    sort: sort_choices(tables.HOUSEHOLDS.sortable) = tables.HOUSEHOLDS.default_sort,
) -> Any:
    """CUS-10: `q` finds names starting with it."""
    return tables.HOUSEHOLDS.rows(actor=request.actor, query=request.GET, sort=sort)


@router.post("/households", response={201: HouseholdOut})
def household_create(request: HttpRequest, payload: HouseholdIn) -> Any:
    members = [
        selectors.person_get(actor=request.actor, pk=pk) for pk in dict.fromkeys(payload.member_ids)
    ]
    household = services.household_create(actor=request.actor, name=payload.name, members=members)
    return Status(201, selectors.household_get(actor=request.actor, pk=household.pk))


@router.get("/households/{household_id}", response=HouseholdOut)
@reads(Household)
def household_get(request: HttpRequest, household_id: RecordId) -> Any:
    return selectors.household_get(actor=request.actor, pk=household_id)


@router.patch("/households/{household_id}", response=HouseholdOut)
def household_update(
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
def household_delete(request: HttpRequest, household_id: RecordId) -> Any:
    """CUS-10: memberships are severed; the members remain."""
    household = selectors.household_get(actor=request.actor, pk=household_id)
    services.household_delete(actor=request.actor, household=household)
    return Status(204, None)


@router.post("/households/{household_id}/members", response={201: HouseholdOut})
def household_add_member(
    request: HttpRequest, household_id: RecordId, payload: HouseholdMemberIn
) -> Any:
    household = selectors.household_get(actor=request.actor, pk=household_id)
    services.household_add_member(
        actor=request.actor,
        household=household,
        person=selectors.person_get(actor=request.actor, pk=payload.person_id),
        role=payload.role,
    )
    return Status(201, selectors.household_get(actor=request.actor, pk=household_id))


@router.delete("/household-members/{membership_id}", response={204: None})
def household_remove_member(request: HttpRequest, membership_id: RecordId) -> Any:
    membership = selectors.household_membership_get(actor=request.actor, pk=membership_id)
    services.household_remove_member(actor=request.actor, membership=membership)
    return Status(204, None)
