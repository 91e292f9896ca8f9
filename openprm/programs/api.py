"""JSON API of programs, tiers, partnerships, evaluations and downgrade
reviews (PRG-3, PRG-4, PRG-5, PRG-11). Lists and records are scoped by the
access policies: a partner user reads its own program and partnership."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Status
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.programs import selectors, services, tables
from openprm.programs.catalog import MANAGE_PARTNER_PROGRAMS
from openprm.programs.deal_analytics import Breakdown, deal_breakdown
from openprm.programs.evaluation import Outcome
from openprm.programs.explain import Explanation, Progress, explain
from openprm.programs.filters import PartnershipFilter, ReviewFilter, SnapshotFilter
from openprm.programs.models import DowngradeReview, Partnership, Program, Snapshot, Tier
from openprm.programs.schemas import (
    CountedOut,
    DealAnalyticsOut,
    ExplanationOut,
    OutcomeOut,
    OverrideIn,
    PartnershipIn,
    PartnershipOut,
    PartnershipUpdateIn,
    ProgramDetailOut,
    ProgramIn,
    ProgramOut,
    ProgramUpdateIn,
    ReasonIn,
    RequirementIn,
    ReviewOut,
    ScoreIn,
    SnapshotOut,
    TierIn,
    TierOut,
    TierUpdateIn,
)

router = Router(tags=["programs"])


def _detail(request: HttpRequest, pk: int) -> dict[str, Any]:
    program = selectors.program_get(actor=request.actor, pk=pk)
    return {
        **ProgramOut.from_orm(program).dict(),
        "tiers": selectors.ladder(actor=request.actor, program=program),
    }


def _outcome(outcome: Outcome) -> dict[str, Any]:
    return {
        "evaluated": outcome.evaluated,
        "snapshots": outcome.snapshots,
        "upgrades": outcome.upgrades,
        "downgrades": outcome.downgrades,
        "reviews_opened": len(outcome.reviews_opened),
        "errors": outcome.errors,
        "wrote": outcome.wrote,
    }


def _progress(rows: tuple[Progress, ...]) -> list[dict[str, Any]]:
    return [
        {
            "indicator": p.key[0],
            "label": p.label,
            "parameter": p.parameter,
            "window_months": p.window_months,
            "value": p.value,
            "threshold": p.threshold,
            "met": p.met,
            "percent": p.percent,
        }
        for p in rows
    ]


def _explanation(found: Explanation) -> dict[str, Any]:
    return {
        "tier": found.tier.name,
        "next_tier": found.next_tier.name if found.next_tier else None,
        "summary": found.summary,
        "fall_back": found.fall_back,
        "to_next": _progress(found.to_next),
        "to_keep": _progress(found.to_keep),
        "incomplete": list(found.incomplete),
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
    return _outcome(services.program_evaluate(actor=request.actor, program=program))


@router.get("/deal-analytics", response=DealAnalyticsOut)
@reads(Partnership, privilege=MANAGE_PARTNER_PROGRAMS)
def deal_analytics(
    request: HttpRequest, since: dt.date | None = None, until: dt.date | None = None
) -> Breakdown:
    """DEAL-5: registrations and opportunities of the partners in the
    caller's reach, by program and by tier, over an optional date range
    (422 when `until` is before `since`)."""
    return deal_breakdown(actor=request.actor, since=since, until=until)


@router.get("/partnerships", response=list[PartnershipOut])
@reads(Partnership)
@paginate(PagePagination)
def partnership_list(
    request: HttpRequest,
    filters: Query[PartnershipFilter],
    sort: sort_choices(tables.PARTNERSHIPS.sortable) = tables.PARTNERSHIPS.default_sort,  # type: ignore[valid-type]
) -> Any:
    """`?program=<id>` narrows to one program."""
    return tables.PARTNERSHIPS.rows(
        actor=request.actor, query=request.GET, filters=filters, sort=sort
    )


@router.post("/partnerships", response={201: PartnershipOut})
def partnership_create(request: HttpRequest, payload: PartnershipIn) -> Status[Partnership]:
    """409 when the partner already has a partnership (one program per partner)."""
    partnership = services.partnership_create(actor=request.actor, **payload.model_dump())
    return Status(201, selectors.partnership_get(actor=request.actor, pk=partnership.pk))


@router.get("/partnerships/{partnership_id}", response=PartnershipOut)
@reads(Partnership)
def partnership_detail(request: HttpRequest, partnership_id: RecordId) -> Partnership:
    return selectors.partnership_get(actor=request.actor, pk=partnership_id)


@router.patch("/partnerships/{partnership_id}", response=PartnershipOut)
def partnership_update(
    request: HttpRequest, partnership_id: RecordId, payload: PartnershipUpdateIn
) -> Partnership:
    partnership = selectors.partnership_get(actor=request.actor, pk=partnership_id)
    services.partnership_update(
        actor=request.actor,
        partnership=partnership,
        changes=sent_changes(
            payload,
            nullable={
                "reward_percent",
                "discount_percent",
                "starts_on",
                "ends_on",
                "channel_manager_id",
            },
        ),
        expected_version=payload.version,
    )
    return selectors.partnership_get(actor=request.actor, pk=partnership_id)


@router.get("/partnerships/{partnership_id}/explanation", response=ExplanationOut)
@reads(Partnership)
def partnership_explanation(request: HttpRequest, partnership_id: RecordId) -> dict[str, Any]:
    """What the partner needs for the next tier and what would make it fall back."""
    partnership = selectors.partnership_get(actor=request.actor, pk=partnership_id)
    return _explanation(explain(partnership))


@router.post("/partnerships/{partnership_id}/evaluate", response=OutcomeOut)
def partnership_evaluate(request: HttpRequest, partnership_id: RecordId) -> dict[str, Any]:
    partnership = selectors.partnership_get(actor=request.actor, pk=partnership_id)
    return _outcome(services.partnership_evaluate(actor=request.actor, partnership=partnership))


@router.post("/partnerships/{partnership_id}/override", response=PartnershipOut)
def partnership_override(
    request: HttpRequest, partnership_id: RecordId, payload: OverrideIn
) -> Partnership:
    """A tier set by hand; the reason is required."""
    partnership = selectors.partnership_get(actor=request.actor, pk=partnership_id)
    services.tier_override(
        actor=request.actor,
        partnership=partnership,
        tier_id=payload.tier_id,
        reason=payload.reason,
        expected_version=payload.version,
    )
    return selectors.partnership_get(actor=request.actor, pk=partnership_id)


@router.post("/partnerships/{partnership_id}/score", response=PartnershipOut)
def partnership_score(
    request: HttpRequest, partnership_id: RecordId, payload: ScoreIn
) -> Partnership:
    partnership = selectors.partnership_get(actor=request.actor, pk=partnership_id)
    services.manual_score_set(
        actor=request.actor,
        partnership=partnership,
        score=payload.score,
        reason=payload.reason,
        expected_version=payload.version,
    )
    return selectors.partnership_get(actor=request.actor, pk=partnership_id)


@router.get("/snapshots", response=list[SnapshotOut])
@reads(Snapshot)
@paginate(PagePagination)
def snapshot_list(
    request: HttpRequest,
    filters: Query[SnapshotFilter],
    sort: sort_choices(tables.SNAPSHOTS.sortable) = tables.SNAPSHOTS.default_sort,  # type: ignore[valid-type]
) -> Any:
    """`?partnership=<id>` narrows to one partner's evaluations."""
    return tables.SNAPSHOTS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.get("/snapshots/{snapshot_id}", response=SnapshotOut)
@reads(Snapshot)
def snapshot_detail(request: HttpRequest, snapshot_id: RecordId) -> Snapshot:
    return selectors.snapshot_get(actor=request.actor, pk=snapshot_id)


@router.get("/snapshots/{snapshot_id}/counted", response=list[CountedOut])
@reads(Snapshot)
@paginate(PagePagination)
def snapshot_counted(
    request: HttpRequest, snapshot_id: RecordId, figure: Annotated[int, Field(ge=0, le=1000)] = 0
) -> Any:
    """PRG-11: the records the snapshot's figure number `figure` (its place
    in `figures`, from 0) counted, for the partner over the snapshot's
    window; they add up to the figure. 404 for a figure that lists none."""
    return selectors.snapshot_counted_rows(actor=request.actor, pk=snapshot_id, figure=figure)


@router.get("/reviews", response=list[ReviewOut])
@reads(DowngradeReview)
@paginate(PagePagination)
def review_list(
    request: HttpRequest,
    filters: Query[ReviewFilter],
    sort: sort_choices(tables.REVIEWS.sortable) = tables.REVIEWS.default_sort,  # type: ignore[valid-type]
) -> Any:
    """`?state=open` for those waiting for a decision."""
    return tables.REVIEWS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.post("/reviews/{review_id}/accept", response=ReviewOut)
def review_accept(request: HttpRequest, review_id: RecordId, payload: ReasonIn) -> DowngradeReview:
    review = selectors.review_get(actor=request.actor, pk=review_id)
    services.review_accept(
        actor=request.actor, review=review, reason=payload.reason, expected_version=payload.version
    )
    return selectors.review_get(actor=request.actor, pk=review_id)


@router.post("/reviews/{review_id}/waive", response=ReviewOut)
def review_waive(request: HttpRequest, review_id: RecordId, payload: ReasonIn) -> DowngradeReview:
    review = selectors.review_get(actor=request.actor, pk=review_id)
    services.review_waive(
        actor=request.actor, review=review, reason=payload.reason, expected_version=payload.version
    )
    return selectors.review_get(actor=request.actor, pk=review_id)
