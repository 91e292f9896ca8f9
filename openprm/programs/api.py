"""JSON API of programs, tiers, partnerships, evaluations and downgrade
reviews (PRG-3, PRG-4, PRG-5, PRG-11); partnerships, their snapshots and
reviews are partnership_api.py. Lists and records are scoped by the
access policies: a partner user reads its own program and partnership."""

import datetime as dt
from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.programs import partnership_api, selectors, services, tables
from openprm.programs.catalog import MANAGE_PARTNER_PROGRAMS
from openprm.programs.deal_analytics import Breakdown, deal_breakdown
from openprm.programs.models import Partnership, Program, Tier
from openprm.programs.partnership_api import outcome_data
from openprm.programs.schemas import (
    DealAnalyticsOut,
    OutcomeOut,
    ProgramDetailOut,
    ProgramIn,
    ProgramOut,
    ProgramUpdateIn,
    RequirementIn,
    TierIn,
    TierOut,
    TierUpdateIn,
)

router = Router(tags=["programs"])
router.add_router("", partnership_api.router)


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    program = selectors.program_get(actor=request.actor, pk=pk)
    return {
        **ProgramOut.from_orm(program).dict(),
        "tiers": selectors.ladder(actor=request.actor, program=program),
    }


@router.get("/programs", response=list[ProgramOut])
@reads(Program)
@paginate(PagePagination)
def program_list(
    request: HttpRequest,
    sort: sort_choices(tables.PROGRAMS.sortable) = tables.PROGRAMS.default_sort,  # type: ignore[valid-type]
) -> Any:
    return tables.PROGRAMS.rows(actor=request.actor, query=request.GET, sort=sort)


@router.post("/programs", response={201: ProgramDetailOut})
def program_create(request: HttpRequest, payload: ProgramIn) -> Status[Any]:
    program = services.program_create(actor=request.actor, data=payload.model_dump())
    return Status(201, _detail(request, program.pk))


@router.get("/programs/{program_id}", response=ProgramDetailOut)
@reads(Program)
def program_detail(request: HttpRequest, program_id: RecordId) -> Any:
    """The program and its tier ladder with the requirements."""
    return _detail(request, program_id)


@router.patch("/programs/{program_id}", response=ProgramDetailOut)
def program_update(request: HttpRequest, program_id: RecordId, payload: ProgramUpdateIn) -> Any:
    program = selectors.program_get(actor=request.actor, pk=program_id)
    services.program_update(
        actor=request.actor,
        program=program,
        changes=sent_changes(payload, nullable={"next_evaluation_on"}),
        expected_version=payload.version,
    )
    return _detail(request, program_id)


@router.post("/programs/{program_id}/tiers", response={201: TierOut})
def tier_create(request: HttpRequest, program_id: RecordId, payload: TierIn) -> Status[Tier]:
    """A tier at the top of the ladder with its requirements."""
    program = selectors.program_get(actor=request.actor, pk=program_id)
    data = payload.model_dump(exclude={"requirements"})
    tier = services.tier_create(
        actor=request.actor,
        program=program,
        data=data,
        requirements=[r.model_dump() for r in payload.requirements],
    )
    return Status(201, selectors.tier_get(actor=request.actor, pk=tier.pk))


@router.patch("/tiers/{tier_id}", response=TierOut)
def tier_update(request: HttpRequest, tier_id: RecordId, payload: TierUpdateIn) -> Tier:
    """`requirements`, when sent, replaces them all."""
    tier = selectors.tier_get(actor=request.actor, pk=tier_id)
    services.tier_update(
        actor=request.actor,
        tier=tier,
        changes=sent_changes(payload, exclude={"requirements"}),
        expected_version=payload.version,
        requirements=None
        if payload.requirements is None
        else [r.model_dump() for r in payload.requirements],
    )
    return selectors.tier_get(actor=request.actor, pk=tier_id)


@router.delete("/tiers/{tier_id}", response={204: None})
def tier_delete(request: HttpRequest, tier_id: RecordId) -> Status[None]:
    """409 for a tier partners hold or held: retire it instead."""
    tier = selectors.tier_get(actor=request.actor, pk=tier_id)
    services.tier_delete(actor=request.actor, tier=tier)
    return Status(204, None)


@router.put("/tiers/{tier_id}/requirements", response=TierOut)
def requirement_set(request: HttpRequest, tier_id: RecordId, payload: RequirementIn) -> Tier:
    """Add the tier's requirement on an indicator, or change it."""
    tier = selectors.tier_get(actor=request.actor, pk=tier_id)
    services.requirement_set(actor=request.actor, tier=tier, data=payload.model_dump())
    return selectors.tier_get(actor=request.actor, pk=tier_id)


@router.post("/programs/{program_id}/evaluate", response=OutcomeOut)
def program_evaluate(request: HttpRequest, program_id: RecordId) -> dict[str, Any]:
    program = selectors.program_get(actor=request.actor, pk=program_id)
    return outcome_data(services.program_evaluate(actor=request.actor, program=program))


@router.get("/deal-analytics", response=DealAnalyticsOut)
@reads(Partnership, privilege=MANAGE_PARTNER_PROGRAMS)
def deal_analytics(
    request: HttpRequest, since: dt.date | None = None, until: dt.date | None = None
) -> Breakdown:
    """DEAL-5: registrations and opportunities of the partners in the
    caller's reach, by program and by tier, over an optional date range
    (422 when `until` is before `since`)."""
    return deal_breakdown(actor=request.actor, since=since, until=until)
