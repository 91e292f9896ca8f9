"""Reading trainings and certifications, always through the access scope."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.utils import timezone

from openprm.core import access
from openprm.core.actor import Actor
from openprm.partners.models import PartnerContact
from openprm.trainings.models import (
    Certification,
    HeldCertification,
    HeldStatus,
    Training,
    TrainingCompletion,
    status_q,
)


def training_list(*, actor: Actor) -> QuerySet[Training]:
    return access.visible(Training, actor)


def training_get(*, actor: Actor, pk: Any) -> Training:
    return access.get_visible(Training, actor, pk)


def training_choices(*, actor: Actor) -> QuerySet[Training]:
    """What a completion may name: active trainings only, whoever asks."""
    return access.visible(Training, actor).filter(is_active=True).order_by("name", "pk")


def certification_list(*, actor: Actor) -> QuerySet[Certification]:
    return access.visible(Certification, actor).prefetch_related(
        Prefetch("required_trainings", queryset=access.visible(Training, actor))
    )


def certification_get(*, actor: Actor, pk: Any) -> Certification:
    return access.get_visible(Certification, actor, pk)


def completion_list(*, actor: Actor) -> QuerySet[TrainingCompletion]:
    return access.visible(TrainingCompletion, actor).select_related(
        "contact__person", "contact__partner__account", "training"
    )


def completion_get(*, actor: Actor, pk: Any) -> TrainingCompletion:
    return access.get_visible(TrainingCompletion, actor, pk, queryset=completion_list(actor=actor))


def held_list(*, actor: Actor) -> QuerySet[HeldCertification]:
    return access.visible(HeldCertification, actor).select_related(
        "holder__person", "holder__partner__account", "certification"
    )


def held_get(*, actor: Actor, pk: Any) -> HeldCertification:
    return access.get_visible(HeldCertification, actor, pk, queryset=held_list(actor=actor))


def expiring_list(*, actor: Actor) -> QuerySet[HeldCertification]:
    """PRG-12: held certifications expiring within 60 days, soonest first,
    with the person and certification the lists name (a partner's own
    people: its name would be read for nothing)."""
    today = timezone.localdate()
    return (
        access.visible(HeldCertification, actor)
        .select_related("holder__person", "certification")
        .filter(status_q(HeldStatus.EXPIRING, today))
        .order_by("expires_on", "pk")
    )


def people(*, actor: Actor, partner_id: int | None = None) -> QuerySet[PartnerContact]:
    """A partner's people with their completions and certifications (a
    partner user's own organization when no partner is named)."""
    rows = access.visible(PartnerContact, actor).select_related("person")
    if partner_id is not None:
        rows = rows.filter(partner_id=partner_id)
    return rows.prefetch_related(
        Prefetch(
            "training_completions",
            queryset=access.visible(TrainingCompletion, actor)
            .select_related("training")
            .order_by("-completed_on", "pk"),
            to_attr="completions_shown",
        ),
        Prefetch(
            "certifications",
            queryset=access.visible(HeldCertification, actor)
            .select_related("certification")
            .order_by("expires_on", "pk"),
            to_attr="certifications_shown",
        ),
    )


def contact_choices(*, actor: Actor, partner_id: int | None = None) -> QuerySet[PartnerContact]:
    """The people a completion or certification may be recorded for."""
    rows = access.visible(PartnerContact, actor).select_related("person", "partner__account")
    if partner_id is not None:
        rows = rows.filter(partner_id=partner_id)
    return rows.order_by("person__last_name_search", "pk")
