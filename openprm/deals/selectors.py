"""Reading registrations and opportunities through the access scope."""

from typing import Any

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.deals.conflicts import Candidate, conflicts_of
from openprm.deals.models import DealRegistration, Opportunity


def registration_list(*, actor: Actor) -> QuerySet[DealRegistration]:
    return access.visible(DealRegistration, actor).select_related("partner__account", "account")


def registration_get(*, actor: Actor, pk: Any) -> DealRegistration:
    return access.get_visible(
        DealRegistration,
        actor,
        pk,
        registration_list(actor=actor).prefetch_related("lines__product"),
    )


def registration_conflicts(*, actor: Actor, registration: DealRegistration) -> list[Candidate]:
    """DEAL-7: what the registration conflicts with, for those who decide
    on it only; anyone else is refused before anything is read."""
    access.require(actor, "approve", registration)
    return conflicts_of(registration)


def opportunity_list(*, actor: Actor) -> QuerySet[Opportunity]:
    return access.visible(Opportunity, actor).select_related("account", "partner__account")


def opportunity_get(*, actor: Actor, pk: Any) -> Opportunity:
    return access.get_visible(Opportunity, actor, pk, opportunity_list(actor=actor))
