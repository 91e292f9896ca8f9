"""The recruitment block of the internal home page: the applications that
wait for the channel team (PRG-10), oldest first."""

from typing import Any

from django.urls import reverse

from openprm.core.actor import Actor
from openprm.core.counting import TODO_CAP, capped_count
from openprm.recruitment import selectors
from openprm.recruitment.models import Application

SHOWN = 5
State = Application.State


def applications_waiting(*, actor: Actor) -> dict[str, Any]:
    """Submitted and under-review applications (those waiting for the
    applicant's answer are not the channel team's move)."""
    waiting = selectors.application_list(actor=actor).filter(
        state__in=(State.SUBMITTED, State.UNDER_REVIEW)
    )
    return {
        "first": list(waiting.order_by("submitted_at", "pk")[:SHOWN]),
        "waiting": capped_count(waiting, TODO_CAP),
        "list_url": reverse("recruitment:application_list") + "?state=submitted",
    }
