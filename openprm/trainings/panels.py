"""The trainings blocks of the partner portal: the home's "Certifications
expiring" and the program page's trainings and certifications panel
(PRG-8, PRG-12). Each reads the actor's own organization through the
access module."""

from collections.abc import Mapping
from typing import Any

from django.db.models import Count
from django.utils import timezone

from openprm.core.actor import Actor
from openprm.core.counting import first_and_count, grouped_counts
from openprm.trainings import selectors
from openprm.trainings.models import HeldStatus, status_q

SHOWN = 5


def expiring_block(*, actor: Actor) -> Mapping[str, Any]:
    """The organization's certifications expiring within 60 days, soonest first."""
    expiring, count = first_and_count(selectors.expiring_list(actor=actor), SHOWN, cap=None)
    return {"expiring": expiring, "count": count}


def program_panel(*, actor: Actor) -> Mapping[str, Any]:
    """How many of the organization's people are certified, its
    certifications by status, and those expiring soon; the counts in one
    statement."""
    today = timezone.localdate()
    held = selectors.held_list(actor=actor)
    live_q = status_q(HeldStatus.VALID, today) | status_q(HeldStatus.EXPIRING, today)
    live = held.filter(live_q)
    counts = grouped_counts(
        (
            held,
            {
                **{status.value: status_q(status, today) for status in HeldStatus},
                "certified": Count("holder_id", distinct=True, filter=live_q),
            },
        ),
        (selectors.people(actor=actor), {"people": None}),
        (selectors.completion_list(actor=actor), {"completions": None}),
    )
    return {
        "people": counts["people"],
        "certified": counts["certified"],
        "statuses": [(status, counts[status.value]) for status in HeldStatus],
        "by_certification": list(
            live.order_by()
            .values("certification__name", "certification__code")
            .annotate(people=Count("holder_id", distinct=True))
            .order_by("-people", "certification__name")[:SHOWN]
        ),
        "expiring": list(selectors.expiring_list(actor=actor)[:SHOWN]),
        "completions": counts["completions"],
    }
