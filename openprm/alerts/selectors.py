"""Reading portal alerts, always through the access scope (PRG-8)."""

from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone

from openprm.alerts.models import Alert, AlertDismissal
from openprm.alerts.policies import running_q
from openprm.catalog.models import Product
from openprm.core import access
from openprm.core.actor import Actor
from openprm.partners.models import PartnerProfile
from openprm.programs.models import Program, Tier


def alert_list(*, actor: Actor) -> QuerySet[Alert]:
    """The alerts the actor sees, each marked `dismissed` when it put it
    away; for the channel team with the programs, tiers and partners chosen
    (`chosen_programs`…), which a partner user never reads."""
    rows = with_dismissed(access.visible(Alert, actor).select_related("product"), actor)
    if not actor.is_internal:
        return rows
    return rows.prefetch_related(
        Prefetch("programs", access.visible(Program, actor), to_attr="chosen_programs"),
        Prefetch("tiers", access.visible(Tier, actor), to_attr="chosen_tiers"),
        Prefetch("partners", access.visible(PartnerProfile, actor), to_attr="chosen_partners"),
    )


def alert_get(*, actor: Actor, pk: Any) -> Alert:
    return access.get_visible(Alert, actor, pk, alert_list(actor=actor))


def running(rows: QuerySet[Alert]) -> QuerySet[Alert]:
    """The alerts shown today."""
    return rows.filter(running_q(timezone.localdate()))


def with_dismissed(rows: QuerySet[Alert], actor: Actor) -> QuerySet[Alert]:
    """Each alert marked `dismissed` when this user put it away."""
    mine = access.visible(AlertDismissal, actor).filter(alert_id=OuterRef("pk"))
    return rows.annotate(dismissed=Exists(mine))


def portal_alerts(*, actor: Actor) -> QuerySet[Alert]:
    """The alerts running for the partner user's organization, each marked
    when this user dismissed it."""
    return running(alert_list(actor=actor))


def portal_alert_get(*, actor: Actor, pk: Any) -> Alert:
    return access.get_visible(Alert, actor, pk, portal_alerts(actor=actor))


def home_alerts(*, actor: Actor) -> QuerySet[Alert]:
    """What the portal home shows: running, not dismissed, the most urgent first."""
    return (
        portal_alerts(actor=actor).filter(dismissed=False).order_by("-urgency", "-starts_on", "-pk")
    )


def audience_choices(*, actor: Actor) -> dict[str, QuerySet[Any]]:
    """What the form offers: programs, their tiers, partners and active products."""
    return {
        "programs": access.visible(Program, actor).filter(is_active=True).order_by("name"),
        "tiers": access.visible(Tier, actor)
        .filter(Q(program__is_active=True), is_retired=False)
        .select_related("program")
        .order_by("program__name", "rank"),
        "partners": access.visible(PartnerProfile, actor)
        .select_related("account")
        .order_by("account__name_search", "pk"),
        "products": access.visible(Product, actor).filter(is_active=True),
    }


def audience_of(*, actor: Actor, alert: Alert) -> dict[str, list[Any]]:
    """The programs, tiers and partners chosen for one alert, as far as the
    actor sees them."""
    return {
        "programs": list(access.visible(Program, actor).filter(alerts=alert).order_by("name")),
        "tiers": list(
            access.visible(Tier, actor)
            .filter(alerts=alert)
            .select_related("program")
            .order_by("program__name", "rank")
        ),
        "partners": list(
            access.visible(PartnerProfile, actor)
            .filter(alerts=alert)
            .select_related("account")
            .order_by("account__name_search", "pk")
        ),
    }
