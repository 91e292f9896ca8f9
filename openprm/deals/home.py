"""The deals app's blocks of the home pages (core.home): what waits for the
channel team's decision, a salesperson's open pipeline, and for a partner
user its deals that need it — returned registrations and leads waiting for
its answer (DEAL-2, DEAL-4, DEAL-6) — and its dashboard (PRG-8, DEAL-5):
leads by status and opportunities by stage as charts, and the
registrations whose protection ends soon with the days left.

Each portal block is one query through the access scope, its counts
grouped in the database and shared in one statement: the page stays fast
for a partner with 50,000 opportunities (benchmarks/bench_portal_home.py)."""

import datetime as dt
from typing import Any

from django.db.models import Q, Sum
from django.urls import reverse
from django.utils import timezone

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.counting import TODO_CAP, capped, capped_count, grouped_counts
from openprm.deals import selectors
from openprm.deals.housekeeping import overdue_cutoff
from openprm.deals.models import DealRegistration, Lead, Opportunity

SHOWN = 5
EXPIRING_DAYS = 30
EXPIRING_SHOWN = 6
SHOWN_FIELDS = ("pk", "number", "title", "state", "protection_ends")
"""What the partner's blocks show of a registration: reading its other
columns and its partner and account was most of their time."""
State = DealRegistration.State
Stage = Opportunity.Stage
LeadStatus = Lead.Status


def registrations_to_decide(*, actor: Actor) -> dict[str, Any]:
    """The submitted registrations, oldest first, with their conflicts and
    how many are past the approval service level."""
    waiting = selectors.registration_list(actor=actor).filter(state=State.SUBMITTED)
    first = selectors.with_conflict_counts(list(waiting.order_by("submitted_at", "pk")[:SHOWN]))
    queue = reverse("deals:registration_list")
    return {
        "first": [(r, r.conflicts_counted) for r in first],
        "waiting": capped_count(waiting, TODO_CAP),
        "overdue": capped_count(waiting.filter(submitted_at__lt=overdue_cutoff()), TODO_CAP),
        "queue_url": queue + "?state=submitted",
        "overdue_url": queue + "?overdue=true",
    }


def pipeline(*, actor: Actor) -> dict[str, Any]:
    """The actor's own open opportunities, the next to close first, and
    their amount in each currency (never added up across currencies)."""
    mine = selectors.opportunity_list(actor=actor).filter(owner_id=actor.pk, is_open=True)
    return {
        "next": list(mine.order_by("close_date", "pk")[:SHOWN]),
        "count": capped_count(mine, TODO_CAP),
        "amounts": list(
            mine.order_by()
            .values("currency")
            .annotate(total=Sum("amount"))
            .order_by("-total", "currency")
            .values_list("currency", "total")
        ),
        "list_url": reverse("deals:opportunity_list") + "?is_open=true",
        "new_url": reverse("deals:opportunity_create"),
    }


def partner_deals(*, actor: Actor) -> dict[str, Any]:
    """What the partner should act on: registrations returned to it and
    leads waiting for its answer (protection ending soon has its own block)."""
    returned = access.visible(DealRegistration, actor).filter(state=State.RETURNED)
    return {
        "returned": list(returned.order_by("pk").only(*SHOWN_FIELDS)[:SHOWN]),
        "leads": _partner_counts(actor)["offers"],
        "leads_url": reverse("portal:lead_list"),
        "list_url": reverse("portal:registration_list"),
        "new_url": reverse("portal:registration_create"),
    }


def _partner_counts(actor: Actor) -> dict[str, int]:
    """The counts of the partner's dashboard in one statement, shared by its
    blocks: leads by status, its own opportunities by stage (those it sells
    — and its subsidiaries sell, where it sees them, PRG-13; not another
    partner's deals its people help on, `access.in_partner_reach`) and the
    lead offers waiting for its answer (up to TODO_CAP + 1)."""

    def read() -> dict[str, int]:
        own = access.in_partner_reach(Opportunity, actor)
        return grouped_counts(
            (
                selectors.lead_list(actor=actor),
                {f"lead_{value}": Q(status=value) for value in LeadStatus.values},
            ),
            (own, {f"stage_{value}": Q(stage=value) for value in Stage.values}),
            (capped(selectors.open_offers(actor=actor), TODO_CAP), {"offers": None}),
        )

    return actor.remembered("deals.partner_counts", read)


def _counted(counts: dict[str, int], prefix: str, choices: Any) -> list[dict[str, Any]]:
    """The count of each choice, in the choices' order, with the values that
    have none left out."""
    return [
        {"code": value, "label": str(label), "count": counts[prefix + value]}
        for value, label in choices
        if counts[prefix + value]
    ]


def _chart(slices: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "labels": [s["label"] for s in slices],
        "values": [s["count"] for s in slices],
        "codes": [s["code"] for s in slices],
    }


def partner_leads_by_status(*, actor: Actor) -> dict[str, Any]:
    """PRG-8, DEAL-5: the partner's leads (its own, referred by it, offered
    to it) by status."""
    slices = _counted(_partner_counts(actor), "lead_", LeadStatus.choices)
    return {
        "slices": slices,
        "total": sum(s["count"] for s in slices),
        "chart": _chart(slices),
        "list_url": reverse("portal:lead_list"),
    }


def partner_opportunities_by_stage(*, actor: Actor) -> dict[str, Any]:
    """PRG-8, DEAL-5: the partner's own opportunities by stage, the open
    ones first in the sales order, then won and lost."""
    slices = _counted(_partner_counts(actor), "stage_", Stage.choices)
    won = next((s["count"] for s in slices if s["code"] == Stage.WON), 0)
    lost = next((s["count"] for s in slices if s["code"] == Stage.LOST), 0)
    return {
        "slices": slices,
        "total": sum(s["count"] for s in slices),
        "open": sum(s["count"] for s in slices if s["code"] not in (Stage.WON, Stage.LOST)),
        "win_rate": round(100 * won / (won + lost)) if won + lost else None,
        "chart": _chart(slices),
        "list_url": reverse("portal:opportunity_list"),
    }


def partner_registrations_expiring(*, actor: Actor) -> dict[str, Any]:
    """PRG-8, DEAL-6: approved registrations whose protection ends within
    30 days, the nearest first, with the days left."""
    today = timezone.localdate()
    expiring = (
        access.visible(DealRegistration, actor)
        .only(*SHOWN_FIELDS)
        .filter(
            state=State.APPROVED,
            protection_ends__gte=today,
            protection_ends__lte=today + dt.timedelta(days=EXPIRING_DAYS),
        )
        .order_by("protection_ends", "pk")
    )
    first = list(expiring[: EXPIRING_SHOWN + 1])
    return {
        "expiring": [(r, (r.protection_ends - today).days) for r in first[:EXPIRING_SHOWN]],
        "more": len(first) > EXPIRING_SHOWN,
        "days": EXPIRING_DAYS,
        "list_url": reverse("portal:registration_list") + "?expiring=true",
        "new_url": reverse("portal:registration_create"),
    }
