"""Deal analytics of one partner (DEAL-5): registrations by state, approval
rate and median approval time, win rate, pipeline and won revenue, and the
acceptance rate of routed leads — for the channel manager's partner page and
the partner's own portal page. Every figure reads through the access scope,
so a partner sees its own numbers only.

The programs app adds the same figures per program and tier.
"""

import statistics
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.counting import grouped_counts
from openprm.deals.models import DealRegistration, LeadOffer, Opportunity

State = DealRegistration.State
DECIDED = (State.APPROVED, State.REJECTED, State.WON, State.LOST, State.EXPIRED, State.CANCELLED)
APPROVED_ONCE = (State.APPROVED, State.WON, State.LOST, State.EXPIRED, State.CANCELLED)


@dataclass(frozen=True)
class Revenue:
    """The open pipeline and the won revenue in one currency: amounts in
    different currencies are never added up, as no conversion rates exist."""

    currency: str
    pipeline: Decimal
    won: Decimal


@dataclass(frozen=True)
class DealStats:
    by_state: dict[str, int]
    approval_rate: float | None
    median_approval_hours: float | None
    won: int
    lost: int
    win_rate: float | None
    revenue: tuple[Revenue, ...]
    offers_answered: int
    offers_accepted: int

    @property
    def acceptance_rate(self) -> float | None:
        return _rate(self.offers_accepted, self.offers_answered)

    @property
    def registrations(self) -> int:
        return sum(self.by_state.values())


def _rate(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def partner_deal_stats(*, actor: Actor, partner_id: int) -> DealStats:
    registrations = access.visible(DealRegistration, actor).filter(partner_id=partner_id)
    answered = access.visible(LeadOffer, actor).filter(partner_id=partner_id)
    answered = answered.exclude(outcome=LeadOffer.Outcome.OPEN)
    counts = grouped_counts(
        (registrations, {f"state_{state}": Q(state=state) for state in State.values}),
        (
            answered,
            {"answered": None, "accepted": Q(outcome=LeadOffer.Outcome.ACCEPTED)},
        ),
    )
    by_state = {s: counts[f"state_{s}"] for s in State.values if counts[f"state_{s}"]}
    decided = sum(by_state.get(s, 0) for s in DECIDED)
    approved = sum(by_state.get(s, 0) for s in APPROVED_ONCE)
    hours = [
        (decided_at - submitted).total_seconds() / 3600
        for submitted, decided_at in registrations.filter(
            state__in=APPROVED_ONCE, decided_at__isnull=False, first_submitted_at__isnull=False
        ).values_list("first_submitted_at", "decided_at")
    ]
    opportunities = access.of_partner(Opportunity, actor, partner_id)
    groups = list(
        opportunities.order_by()
        .values("currency", "stage", "is_open")
        .annotate(total=Sum("amount"), count=Count("pk"))
    )
    won = sum(g["count"] for g in groups if g["stage"] == Opportunity.Stage.WON)
    lost = sum(g["count"] for g in groups if g["stage"] == Opportunity.Stage.LOST)
    return DealStats(
        by_state=by_state,
        approval_rate=_rate(approved, decided),
        median_approval_hours=round(statistics.median(hours), 1) if hours else None,
        won=won,
        lost=lost,
        win_rate=_rate(won, won + lost),
        revenue=_revenue(groups),
        offers_answered=counts["answered"],
        offers_accepted=counts["accepted"],
    )


def _revenue(groups: list[dict[str, Any]]) -> tuple[Revenue, ...]:
    """Open pipeline and won revenue per currency, the largest pipeline
    first; a currency with neither is left out.

    `groups` is one read of the partner's opportunities grouped by
    currency, stage and open flag, which the won and lost counts share.
    Those are the leading columns of the `opportunity_partner_revenue`
    index, so the database adds one amount and one count per row, with no
    filter to test, in the index's order (SQLite reads the groups off the
    covering index without a temporary table); the few groups are added up
    per currency here, in Decimal."""
    pipeline: dict[str, Decimal] = defaultdict(Decimal)
    won: dict[str, Decimal] = defaultdict(Decimal)
    for group in groups:
        amount = group["total"] or Decimal(0)
        if group["is_open"]:
            pipeline[group["currency"]] += amount
        if group["stage"] == Opportunity.Stage.WON:
            won[group["currency"]] += amount
    found = [
        Revenue(currency, pipeline[currency], won[currency])
        for currency in {*pipeline, *won}
        if pipeline[currency] or won[currency]
    ]
    return tuple(sorted(found, key=lambda r: (-r.pipeline, -r.won, r.currency)))


def chart_data(stats: DealStats) -> dict[str, object]:
    """What the charts draw, as JSON for the page's chart script."""
    labels = dict(State.choices)
    states = [s for s in State.values if stats.by_state.get(s)]
    return {
        "states": {
            "labels": [str(labels[s]) for s in states],
            "values": [stats.by_state[s] for s in states],
            "rows": [(str(labels[s]), stats.by_state[s]) for s in states],
        },
        "revenue": {
            "labels": [str(_("Open pipeline")), str(_("Won"))],
            "datasets": [
                {"label": r.currency, "values": [float(r.pipeline), float(r.won)]}
                for r in stats.revenue
            ],
        },
    }
