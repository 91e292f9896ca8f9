"""The programs app's home blocks (core.home): for a partner user its
progress to the next tier (PRG-8); for the channel team the downgrade
reviews waiting and the partners close to moving up (PRG-11)."""

from decimal import Decimal
from typing import Any

from django.urls import reverse

from openprm.core.actor import Actor
from openprm.core.counting import TODO_CAP, capped_count
from openprm.core.errors import NotFound
from openprm.programs import selectors
from openprm.programs.explain import explain
from openprm.programs.models import DowngradeReview, Partnership, Tier

SHOWN = 5
CLOSE = Decimal("0.8")
WATCHED = 500


def tier_progress(*, actor: Actor) -> dict[str, Any]:
    """The partner's tier, its next one and each figure against it."""
    try:
        partnership = selectors.own_partnership(actor=actor)
    except NotFound:
        return {"explanation": None}
    explanation = explain(partnership)
    return {
        "explanation": explanation,
        "chart": {
            "labels": [p.label for p in explanation.to_next],
            "values": [p.percent for p in explanation.to_next],
        },
        "program_url": reverse("portal:program"),
    }


def _closeness(partnership: Partnership, next_tier: Tier) -> Decimal | None:
    """How far the latest figures go towards the next tier's thresholds
    (the weakest figure); None without a snapshot."""
    snapshot = partnership.last_snapshot
    if snapshot is None or snapshot.incomplete:
        return None
    ratios = []
    for row in snapshot.figures:
        threshold = Decimal(row["thresholds"].get(str(next_tier.pk), "0"))
        if threshold > 0:
            ratios.append(min(Decimal(row["value"]) / threshold, Decimal(1)))
    return min(ratios) if ratios else None


def program_watch(*, actor: Actor) -> dict[str, Any]:
    """Reviews waiting for a decision, soonest grace end first, and the
    partners whose every figure is at least 80% of the next tier's."""
    waiting = selectors.review_list(actor=actor).filter(state=DowngradeReview.State.OPEN)
    mine = selectors.partnership_list(actor=actor).filter(channel_manager_id=actor.pk)
    tiers: dict[int, list[Tier]] = {}
    close = []
    for partnership in mine.order_by("pk")[:WATCHED]:
        ladder = tiers.setdefault(
            partnership.program_id,
            list(Tier.objects.filter(program_id=partnership.program_id, is_retired=False)),
        )
        above = sorted((t for t in ladder if t.rank > partnership.tier.rank), key=lambda t: t.rank)
        if not above:
            continue
        ratio = _closeness(partnership, above[0])
        if ratio is not None and CLOSE <= ratio < 1:
            close.append((partnership, above[0], int(ratio * 100)))
    close.sort(key=lambda row: -row[2])
    return {
        "reviews": list(waiting.order_by("grace_ends_on", "pk")[:SHOWN]),
        "waiting": capped_count(waiting, TODO_CAP),
        "close": close[:SHOWN],
        "programs_url": reverse("programs:program_list"),
    }
