"""The "Partners not set up" block of the channel team's home (PRG-9): how
many partners lack a step, the first of them with what they lack, and the
one-time steps still open."""

from typing import Any

from django.urls import reverse

from openprm.core.actor import Actor
from openprm.core.counting import TODO_CAP
from openprm.onboarding import selectors
from openprm.onboarding.checklist import missing

SHOWN = 5


def partners_not_set_up(*, actor: Actor) -> dict[str, Any]:
    first, count = selectors.first_incomplete(actor=actor, shown=SHOWN, cap=TODO_CAP)
    open_steps = [step for step in selectors.one_time_steps(actor=actor) if not step.done]
    return {
        "partners": [(partner, missing(partner)) for partner in first],
        "count": count,
        "open_steps": open_steps,
        "list_url": reverse("onboarding:setup"),
    }
