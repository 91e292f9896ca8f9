"""JSON API of partnerships, their evaluations, snapshots and downgrade
reviews (PRG-4, PRG-5, PRG-11); mounted on the programs API's router."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Status
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.programs import selectors, services, tables
from openprm.programs.evaluation import Outcome
from openprm.programs.explain import Explanation, Progress, explain
from openprm.programs.filters import PartnershipFilter, ReviewFilter, SnapshotFilter
from openprm.programs.models import DowngradeReview, Partnership, Snapshot
from openprm.programs.schemas import (
    CountedOut,
    ExplanationOut,
    OutcomeOut,
    OverrideIn,
    PartnershipIn,
    PartnershipOut,
    PartnershipUpdateIn,
    ReasonIn,
    ReviewOut,
    ScoreIn,
    SnapshotOut,
)

router = Router()


def outcome_data(outcome: Outcome) -> dict[str, Any]:
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
    return outcome_data(services.partnership_evaluate(actor=request.actor, partnership=partnership))


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
