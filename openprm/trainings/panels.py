"""The trainings blocks of the partner portal: the home's "Certifications
expiring" and the program page's trainings and certifications panel
(PRG-8, PRG-12). Each reads the actor's own organization through the
access module."""

from collections.abc import Mapping
from typing import Any

from django.db.models import Count
from django.utils import timezone

from openprm.core.actor import Actor
from openprm.trainings import selectors
from openprm.trainings.models import HeldStatus, status_q

SHOWN = 5


def expiring_block(*, actor: Actor) -> Mapping[str, Any]:
    """The organization's certifications expiring within 60 days, soonest first."""
    rows = selectors.expiring_list(actor=actor)
    return {"expiring": list(rows[:SHOWN]), "count": rows.count()}


def program_panel(*, actor: Actor) -> Mapping[str, Any]:
    """How many of the organization's people are certified, its
    certifications by status, and those expiring soon."""
    today = timezone.localdate()
    held = selectors.held_list(actor=actor)
    statuses = held.order_by().aggregate(
        **{status.value: Count("pk", filter=status_q(status, today)) for status in HeldStatus}
    )
    live = held.filter(status_q(HeldStatus.VALID, today) | status_q(HeldStatus.EXPIRING, today))
    return {
        "people": selectors.people(actor=actor).count(),
        "certified": live.order_by().values("holder_id").distinct().count(),
        "statuses": [(status, statuses[status.value]) for status in HeldStatus],
        "by_certification": list(
            live.order_by()
            .values("certification__name", "certification__code")
            .annotate(people=Count("holder_id", distinct=True))
            .order_by("-people", "certification__name")[:SHOWN]
        ),
        "expiring": list(selectors.expiring_list(actor=actor)[:SHOWN]),
        "completions": selectors.completion_list(actor=actor).count(),
    }
