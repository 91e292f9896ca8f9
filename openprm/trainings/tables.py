"""The trainings lists, declared once for pages, files and API: the
catalogue, completions, certifications held across partners, and a
partner's people with what they completed and hold."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.tables import Column, ListSpec, Query
from openprm.partners.models import PartnerContact
from openprm.trainings import selectors
from openprm.trainings.filters import (
    CertificationFilter,
    CompletionFilter,
    HeldFilter,
    TrainingFilter,
)
from openprm.trainings.models import (
    Certification,
    HeldCertification,
    Training,
    TrainingCompletion,
)


def _filtered(rows: QuerySet[Any], filters: Any) -> QuerySet[Any]:
    return filters.filter(rows) if filters is not None else rows


def _trainings(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Training]:
    return _filtered(selectors.training_list(actor=actor), filters)


def _certifications(
    *, actor: Actor, filters: Any, query: Query, **scope: Any
) -> QuerySet[Certification]:
    return _filtered(selectors.certification_list(actor=actor), filters)


def _completions(
    *, actor: Actor, filters: Any, query: Query, **scope: Any
) -> QuerySet[TrainingCompletion]:
    return _filtered(selectors.completion_list(actor=actor), filters)


def _held(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[HeldCertification]:
    return _filtered(selectors.held_list(actor=actor), filters)


def _people(
    *, actor: Actor, filters: Any, query: Query, pk: int | None = None, **scope: Any
) -> QuerySet[PartnerContact]:
    """A partner's people (`pk`, the partner's page), or the portal user's
    own organization's."""
    return selectors.people(actor=actor, partner_id=pk)


def _required(certification: Certification) -> str:
    return ", ".join(t.name for t in certification.required_trainings.all())


def _evidence(completion: TrainingCompletion) -> str:
    if completion.evidence:
        return str(_("Certificate file"))
    return completion.evidence_reference


TRAININGS = ListSpec(
    name="trainings.trainings",
    select=_trainings,
    columns=(
        Column("id", _("ID"), lambda t: t.pk, shown=False),
        Column("code", _("Code"), sort="code", link=Training.get_absolute_url),
        Column("name", _("Name"), sort="name", link=Training.get_absolute_url),
        Column("topic", _("Product family or topic"), sort="topic"),
        Column("duration_hours", _("Hours"), sort="duration_hours"),
        Column("is_active", _("Active"), sort="is_active"),
    ),
    filters=TrainingFilter,
    default_sort="name",
    filename="trainings",
)

CERTIFICATIONS = ListSpec(
    name="trainings.certifications",
    select=_certifications,
    columns=(
        Column("id", _("ID"), lambda c: c.pk, shown=False),
        Column("code", _("Code"), sort="code", link=Certification.get_absolute_url),
        Column("name", _("Name"), sort="name", link=Certification.get_absolute_url),
        Column("validity_months", _("Valid for (months)"), sort="validity_months"),
        Column("required_trainings", _("Required trainings"), _required),
    ),
    filters=CertificationFilter,
    default_sort="name",
    filename="certifications",
)

COMPLETIONS = ListSpec(
    name="trainings.completions",
    select=_completions,
    columns=(
        Column("id", _("ID"), lambda c: c.pk, shown=False),
        Column("person", _("Person"), lambda c: c.contact.person.full_name),
        Column("partner", _("Partner"), lambda c: c.contact.partner.account.name),
        Column("training", _("Training"), lambda c: c.training.name, sort="training__name"),
        Column("completed_on", _("Completed on"), sort="completed_on"),
        Column("evidence", _("Evidence"), _evidence),
    ),
    filters=CompletionFilter,
    default_sort="-completed_on",
)


def held_partner_url(held: HeldCertification) -> str:
    return reverse("trainings:partner_certifications", args=[held.holder.partner_id])


HELD = ListSpec(
    name="trainings.held_certifications",
    select=_held,
    columns=(
        Column("id", _("ID"), lambda h: h.pk, shown=False),
        Column(
            "holder",
            _("Person"),
            lambda h: h.holder.person.full_name,
            sort=("holder__person__last_name_search",),
            link=held_partner_url,
        ),
        Column(
            "partner",
            _("Partner"),
            lambda h: h.holder.partner.account.name,
            sort=("holder__partner__account__name_search",),
        ),
        Column(
            "certification",
            _("Certification"),
            lambda h: str(h.certification),
            sort="certification__name",
        ),
        Column("issued_on", _("Issued on"), sort="issued_on"),
        Column("expires_on", _("Expires on"), sort="expires_on"),
        Column(
            "status",
            _("Status"),
            lambda h: h.status.label,
            cell="trainings/cells/status.html",
        ),
        Column("revoke_reason", _("Reason for revoking"), shown=False),
    ),
    filters=HeldFilter,
    default_sort="expires_on",
    filename="certifications-held",
    row_key=lambda h: f"held-{h.pk}",
)

PEOPLE = ListSpec(
    name="trainings.people",
    select=_people,
    columns=(
        Column(
            "person",
            _("Person"),
            lambda c: c.person.full_name,
            sort=("person__last_name_search", "person__name_search"),
        ),
        Column(
            "trainings",
            _("Trainings completed"),
            lambda c: ", ".join(
                f"{x.training.name} ({x.completed_on})" for x in c.completions_shown
            ),
            cell="trainings/cells/completions.html",
        ),
        Column(
            "certifications",
            _("Certifications"),
            lambda c: ", ".join(
                f"{h.certification} ({h.status.label})" for h in c.certifications_shown
            ),
            cell="trainings/cells/certifications.html",
        ),
    ),
    default_sort="person",
    row_key=lambda c: f"person-{c.pk}",
)
