"""JSON API of deal registrations (DEAL-2, DEAL-6, DEAL-7) for partners and
the channel team alike: every list and record is scoped by the access
policies, so a partner reaches its own organization's registrations only."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.deals import lead_api, opportunity_api, selectors, services, tables
from openprm.deals.catalog import APPROVE_DEAL_REGISTRATIONS
from openprm.deals.conflicts import Candidate
from openprm.deals.filters import RegistrationFilter
from openprm.deals.models import DealRegistration
from openprm.deals.schemas import (
    ApproveIn,
    ConflictOut,
    DecisionNoteIn,
    LineSchema,
    RegistrationIn,
    RegistrationOut,
    RegistrationUpdateIn,
    RegistrationVersionIn,
    RejectIn,
)

router = Router(tags=["deal registrations"])
router.add_router("", opportunity_api.router)
router.add_router("", lead_api.router)


def _lines(lines: list[LineSchema]) -> list[services.LineIn]:
    return [services.LineIn(line.product_id, line.quantity, line.amount) for line in lines]


def _fresh(request: HttpRequest, registration: DealRegistration) -> DealRegistration:
    return selectors.registration_get(actor=request.actor, pk=registration.pk)


@router.get("/registrations", response=list[RegistrationOut])
@reads(DealRegistration)
@paginate(PagePagination)
def registration_list(
    request: HttpRequest,
    filters: Query[RegistrationFilter],
    sort: sort_choices(tables.REGISTRATIONS.sortable) = tables.REGISTRATIONS.default_sort,
) -> Any:
    """The caller's registrations: its organization's for a partner user,
    the submitted ones for the channel team."""
    return tables.REGISTRATIONS.rows(
        actor=request.actor, query=request.GET, filters=filters, sort=sort
    ).prefetch_related("lines__product")


@router.post("/registrations", response={201: RegistrationOut})
def registration_create(request: HttpRequest, payload: RegistrationIn) -> Status[DealRegistration]:
    """A draft of the caller's organization (partner users only)."""
    data = payload.model_dump(exclude={"lines"})
    registration = services.registration_create(
        actor=request.actor, data=data, lines=_lines(payload.lines)
    )
    return Status(201, _fresh(request, registration))


@router.get("/registrations/{registration_id}", response=RegistrationOut)
@reads(DealRegistration)
def registration_detail(request: HttpRequest, registration_id: RecordId) -> DealRegistration:
    return selectors.registration_get(actor=request.actor, pk=registration_id)


@router.patch("/registrations/{registration_id}", response=RegistrationOut)
def registration_update(
    request: HttpRequest, registration_id: RecordId, payload: RegistrationUpdateIn
) -> DealRegistration:
    """Drafts and returned registrations; `lines`, when sent, replaces them all."""
    registration = selectors.registration_get(actor=request.actor, pk=registration_id)
    services.registration_update(
        actor=request.actor,
        registration=registration,
        changes=sent_changes(payload, exclude={"lines"}, nullable={"account_id"}),
        lines=None if payload.lines is None else _lines(payload.lines),
        expected_version=payload.version,
    )
    return _fresh(request, registration)


@router.post("/registrations/{registration_id}/submit", response=RegistrationOut)
def registration_submit(
    request: HttpRequest, registration_id: RecordId, payload: RegistrationVersionIn
) -> DealRegistration:
    registration = selectors.registration_get(actor=request.actor, pk=registration_id)
    services.registration_submit(
        actor=request.actor, registration=registration, expected_version=payload.version
    )
    return _fresh(request, registration)


@router.post("/registrations/{registration_id}/withdraw", response=RegistrationOut)
def registration_withdraw(
    request: HttpRequest, registration_id: RecordId, payload: RegistrationVersionIn
) -> DealRegistration:
    registration = selectors.registration_get(actor=request.actor, pk=registration_id)
    services.registration_withdraw(
        actor=request.actor, registration=registration, expected_version=payload.version
    )
    return _fresh(request, registration)


@router.post("/registrations/{registration_id}/return", response=RegistrationOut)
def registration_return(
    request: HttpRequest, registration_id: RecordId, payload: DecisionNoteIn
) -> DealRegistration:
    registration = selectors.registration_get(actor=request.actor, pk=registration_id)
    services.registration_return(
        actor=request.actor,
        registration=registration,
        note=payload.note,
        expected_version=payload.version,
    )
    return _fresh(request, registration)


@router.post("/registrations/{registration_id}/reject", response=RegistrationOut)
def registration_reject(
    request: HttpRequest, registration_id: RecordId, payload: RejectIn
) -> DealRegistration:
    registration = selectors.registration_get(actor=request.actor, pk=registration_id)
    services.registration_reject(
        actor=request.actor,
        registration=registration,
        reason=payload.reason,
        note=payload.note,
        expected_version=payload.version,
    )
    return _fresh(request, registration)


@router.post("/registrations/{registration_id}/approve", response=RegistrationOut)
def registration_approve(
    request: HttpRequest, registration_id: RecordId, payload: ApproveIn
) -> DealRegistration:
    """With conflicts, `reject_others` or a `conflict_note` is required (409
    `conflict_unresolved` otherwise); above the second-approval amount the
    first approval leaves it submitted for a different approver."""
    registration = selectors.registration_get(actor=request.actor, pk=registration_id)
    services.registration_approve(
        actor=request.actor,
        registration=registration,
        expected_version=payload.version,
        account_id=payload.account_id,
        opportunity_id=payload.opportunity_id,
        reject_others=payload.reject_others,
        conflict_note=payload.conflict_note,
    )
    return _fresh(request, registration)


@router.post("/registrations/{registration_id}/extend", response=RegistrationOut)
def registration_extend(
    request: HttpRequest, registration_id: RecordId, payload: RegistrationVersionIn
) -> DealRegistration:
    registration = selectors.registration_get(actor=request.actor, pk=registration_id)
    services.registration_extend(
        actor=request.actor, registration=registration, expected_version=payload.version
    )
    return _fresh(request, registration)


@router.post("/registrations/{registration_id}/cancel", response=RegistrationOut)
def registration_cancel(
    request: HttpRequest, registration_id: RecordId, payload: DecisionNoteIn
) -> DealRegistration:
    registration = selectors.registration_get(actor=request.actor, pk=registration_id)
    services.registration_cancel(
        actor=request.actor,
        registration=registration,
        note=payload.note,
        expected_version=payload.version,
    )
    return _fresh(request, registration)


def conflict_out(candidate: Candidate) -> dict[str, Any]:
    record = candidate.record
    if isinstance(record, DealRegistration):
        return {
            "kind": "registration",
            "id": record.pk,
            "label": f"{record.number} {record.title}",
            "partner_name": record.partner.account.name,
            "state": record.state,
            "amount": record.amount,
            "reasons": candidate.reasons,
            "shared_product_ids": candidate.products,
        }
    return {
        "kind": "opportunity",
        "id": record.pk,
        "label": record.name,
        "partner_name": record.partner.account.name if record.partner else "",
        "state": record.stage,
        "amount": record.amount,
        "reasons": candidate.reasons,
        "shared_product_ids": candidate.products,
    }


@router.get("/registrations/{registration_id}/conflicts", response=list[ConflictOut])
@reads(DealRegistration, privilege=APPROVE_DEAL_REGISTRATIONS)
def registration_conflicts(request: HttpRequest, registration_id: RecordId) -> list[dict[str, Any]]:
    """DEAL-7: the channel team's view of what else claims this deal; the
    partner is refused (it must learn nothing of other deals)."""
    registration = selectors.registration_get(actor=request.actor, pk=registration_id)
    found = selectors.registration_conflicts(actor=request.actor, registration=registration)
    return [conflict_out(c) for c in found]
