"""The deals app's blocks of the home pages (core.home): what waits for the
channel team's decision, a salesperson's open pipeline, and for a partner
user its deals that need it — returned registrations, protection ending
soon, leads waiting for its answer (DEAL-2, DEAL-4, DEAL-6)."""

import datetime as dt
from typing import Any

from django.db.models import Sum
from django.urls import reverse
from django.utils import timezone

from openprm.core.actor import Actor
from openprm.core.counting import TODO_CAP, capped_count
from openprm.deals import selectors
from openprm.deals.conflicts import conflicts_of
from openprm.deals.housekeeping import overdue_cutoff
from openprm.deals.models import DealRegistration

SHOWN = 5
EXPIRING_DAYS = 14
State = DealRegistration.State


def registrations_to_decide(*, actor: Actor) -> dict[str, Any]:
    """The submitted registrations, oldest first, with their conflicts and
    how many are past the approval service level."""
    waiting = selectors.registration_list(actor=actor).filter(state=State.SUBMITTED)
    first = list(waiting.order_by("submitted_at", "pk")[:SHOWN])
    queue = reverse("deals:registration_list")
    return {
        "first": [(r, len(conflicts_of(r))) for r in first],
        "waiting": capped_count(waiting, TODO_CAP),
        "overdue": capped_count(waiting.filter(submitted_at__lt=overdue_cutoff()), TODO_CAP),
        "queue_url": queue + "?state=submitted",
        "overdue_url": queue + "?overdue=true",
    }


def pipeline(*, actor: Actor) -> dict[str, Any]:
    """The actor's own open opportunities, the next to close first."""
    mine = selectors.opportunity_list(actor=actor).filter(owner_id=actor.pk, is_open=True)
    return {
        "next": list(mine.order_by("close_date", "pk")[:SHOWN]),
        "count": capped_count(mine, TODO_CAP),
        "amount": mine.order_by().aggregate(total=Sum("amount"))["total"] or 0,
        "list_url": reverse("deals:opportunity_list") + "?is_open=true",
        "new_url": reverse("deals:opportunity_create"),
    }


def partner_deals(*, actor: Actor) -> dict[str, Any]:
    """What the partner should act on: registrations returned to it, those
    whose protection ends within two weeks, and leads waiting for its answer."""
    registrations = selectors.registration_list(actor=actor)
    today = timezone.localdate()
    expiring = registrations.filter(
        state=State.APPROVED,
        protection_ends__gte=today,
        protection_ends__lte=today + dt.timedelta(days=EXPIRING_DAYS),
    )
    offers = selectors.open_offers(actor=actor)
    own = reverse("portal:registration_list")
    return {
        "returned": list(registrations.filter(state=State.RETURNED).order_by("pk")[:SHOWN]),
        "expiring": list(expiring.order_by("protection_ends", "pk")[:SHOWN]),
        "leads": capped_count(offers, TODO_CAP),
        "leads_url": reverse("portal:lead_list"),
        "list_url": own,
        "new_url": reverse("portal:registration_create"),
    }
