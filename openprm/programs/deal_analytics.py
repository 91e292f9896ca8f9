"""Deal analytics per program and tier (DEAL-5, PRG-4): registrations and
opportunities of the partners in the actor's reach, by the program and
tier each partner is in, over a date range.

Deals sits below programs and knows nothing of them, so the breakdown lives
here and reads the deals records through their access policies. Each
figure set is one grouped query (registrations by program and tier;
opportunities by program, tier and currency); the rows per program are
summed from the rows per tier, so the page costs two queries whatever the
number of programs, tiers and records.

The date range reads a registration by its first submission, an
opportunity by its creation, and closed-won amounts by the day the deal was
won. A partner in no program is counted under "No program".
"""

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.privileges import require_privilege
from openprm.deals.analytics import APPROVED_ONCE, DECIDED
from openprm.deals.models import DealRegistration, Opportunity
from openprm.partners.models import PartnerProfile
from openprm.programs.catalog import MANAGE_PARTNER_PROGRAMS

CENTS = Decimal("0.01")
PROGRAM = "partner__partnership__program"
TIER = "partner__partnership__tier"
GROUP = {
    "program_id": F(PROGRAM),
    "program": F(f"{PROGRAM}__name"),
    "tier_id": F(TIER),
    "tier": F(f"{TIER}__name"),
    "rank": F(f"{TIER}__rank"),
}


@dataclass
class Figures:
    """One row of the breakdown: a program (`tier_id` None) or a tier."""

    program_id: int | None
    program: str
    tier_id: int | None = None
    tier: str = ""
    rank: int = 0
    registrations: int = 0
    decided: int = 0
    approved: int = 0
    timed: int = 0
    approval_seconds: float = 0.0
    opportunities: int = 0
    won: int = 0
    won_amounts: dict[str, Decimal] = field(default_factory=dict)

    @property
    def approval_rate(self) -> float | None:
        """Approved of the decided registrations, in percent."""
        return round(100 * self.approved / self.decided, 1) if self.decided else None

    @property
    def average_approval_hours(self) -> float | None:
        return round(self.approval_seconds / self.timed / 3600, 1) if self.timed else None

    def add(self, other: "Figures") -> None:
        """Sums another row's figures into this one (the approval time
        weighted by how many approvals each row times)."""
        self.registrations += other.registrations
        self.decided += other.decided
        self.approved += other.approved
        self.timed += other.timed
        self.approval_seconds += other.approval_seconds
        self.opportunities += other.opportunities
        self.won += other.won
        for currency, amount in other.won_amounts.items():
            self.won_amounts[currency] = self.won_amounts.get(currency, Decimal(0)) + amount


@dataclass(frozen=True)
class Breakdown:
    since: dt.date | None
    until: dt.date | None
    programs: list[Figures]
    tiers: list[Figures]
    total: Figures


def range_error(since: dt.date | None, until: dt.date | None) -> str | None:
    if since is not None and until is not None and until < since:
        return _("The end of the range cannot be before its start.")
    return None


def _day(value: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(value, dt.time.min))


def _between(column: str, since: dt.date | None, until: dt.date | None) -> Q:
    found = Q()
    if since is not None:
        found &= Q(**{f"{column}__gte": _day(since)})
    if until is not None:
        found &= Q(**{f"{column}__lt": _day(until + dt.timedelta(days=1))})
    return found


def _key(row: dict[str, Any]) -> tuple[Any, Any]:
    return row["program_id"], row["tier_id"]


def _figures(row: dict[str, Any]) -> Figures:
    return Figures(
        row["program_id"],
        row["program"] or str(_("No program")),
        row["tier_id"],
        row["tier"] or "",
        row["rank"] or 0,
    )


def deal_breakdown(
    *, actor: Actor, since: dt.date | None = None, until: dt.date | None = None
) -> Breakdown:
    """DEAL-5: the figures per program and per tier of the partners the
    actor sees, over the registrations and opportunities it sees. Needs
    Manage Partner Programs; an inverted range is refused."""
    require_privilege(actor, MANAGE_PARTNER_PROGRAMS)
    error = range_error(since, until)
    if error is not None:
        raise ValidationFailed(error, field_errors={"until": [error]})
    reach = access.visible(PartnerProfile, actor).values("pk")
    timed = Q(state__in=APPROVED_ONCE, decided_at__isnull=False, first_submitted_at__isnull=False)
    took = ExpressionWrapper(
        F("decided_at") - F("first_submitted_at"), output_field=DurationField()
    )
    registrations = (
        access.visible(DealRegistration, actor)
        .filter(_between("first_submitted_at", since, until), partner__in=reach)
        .order_by()
        .values(**GROUP)
        .annotate(
            total=Count("pk"),
            decided=Count("pk", filter=Q(state__in=DECIDED)),
            approved=Count("pk", filter=Q(state__in=APPROVED_ONCE)),
            timed=Count("pk", filter=timed),
            took=Avg(took, filter=timed),
        )
    )
    won = Q(stage=Opportunity.Stage.WON) & _between("closed_at", since, until)
    created = _between("created_at", since, until)
    opportunities = (
        access.visible(Opportunity, actor)
        .filter(created | won, partner__in=reach)
        .order_by()
        .values(**GROUP, currency_code=F("currency"))
        .annotate(
            total=Count("pk", filter=created),
            won=Count("pk", filter=won),
            won_amount=Sum("amount", filter=won),
        )
    )
    tiers: dict[tuple[Any, Any], Figures] = {}
    for row in registrations:
        figures = tiers.setdefault(_key(row), _figures(row))
        figures.registrations = row["total"]
        figures.decided = row["decided"]
        figures.approved = row["approved"]
        figures.timed = row["timed"]
        figures.approval_seconds = row["took"].total_seconds() * row["timed"] if row["timed"] else 0
    for row in opportunities:
        figures = tiers.setdefault(_key(row), _figures(row))
        figures.opportunities += row["total"]
        figures.won += row["won"]
        if row["won_amount"]:
            figures.won_amounts[row["currency_code"]] = row["won_amount"].quantize(CENTS)
    return _rolled_up(tiers, since, until)


def _rolled_up(
    tiers: dict[tuple[Any, Any], Figures], since: dt.date | None, until: dt.date | None
) -> Breakdown:
    programs: dict[Any, Figures] = defaultdict(lambda: Figures(None, ""))
    total = Figures(None, str(_("All programs")))
    for figures in tiers.values():
        program = programs[figures.program_id]
        program.program_id, program.program = figures.program_id, figures.program
        program.add(figures)
        total.add(figures)
    return Breakdown(
        since,
        until,
        sorted(programs.values(), key=lambda f: (f.program_id is None, f.program)),
        sorted(tiers.values(), key=lambda f: (f.program_id is None, f.program, f.rank)),
        total,
    )
