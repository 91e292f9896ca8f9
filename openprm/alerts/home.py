"""The alerts block at the top of the portal home (PRG-8): the running
alerts aimed at the partner that this user has not dismissed, the most
urgent first."""

from typing import Any

from django.urls import reverse

from openprm.alerts import selectors
from openprm.core.actor import Actor

SHOWN = 4


def portal_alerts(*, actor: Actor) -> dict[str, Any]:
    """One query: the first alerts and whether more wait on the Alerts page."""
    first = list(selectors.home_alerts(actor=actor)[: SHOWN + 1])
    return {
        "alerts": first[:SHOWN],
        "more": len(first) > SHOWN,
        "list_url": reverse("portal:alert_list"),
    }
