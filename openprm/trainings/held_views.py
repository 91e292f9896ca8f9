"""What partners' people hold (PRG-6, PRG-12): the certifications held
across partners, a partner's Certifications tab, and the forms that record a
completion with its evidence, issue a certification and revoke one."""

from typing import Any

from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.views.editing import RecordForm
from openprm.core.views.generic import Page, RecordList
from openprm.core.views.web import permitted_create
from openprm.partners.models import PartnerProfile
from openprm.partners.selectors import partner_get
from openprm.trainings import selectors, services, tables
from openprm.trainings.forms import (
    CompletionForm,
    HeldForm,
    RevokeForm,
)
from openprm.trainings.models import (
    HeldCertification,
    HeldStatus,
    TrainingCompletion,
)


class HeldList(RecordList):
    """PRG-12: certifications held across partners; `?status=expiring` is
    the list of those to renew."""

    model = HeldCertification
    spec = tables.HELD
    template_name = "trainings/held_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {
            "statuses": HeldStatus.choices,
            "certifications": selectors.certification_list(actor=self.actor),
            "can_create": permitted_create(self.actor, HeldCertification),
        }


class PartnerCertifications(RecordList):
    """The partner's page, Certifications tab: its people with their
    trainings and certifications (the partner must be visible)."""

    model = PartnerProfile
    spec = tables.PEOPLE
    template_name = "trainings/partner_certifications.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        partner = partner_get(actor=self.actor, pk=scope["pk"])
        return {
            "partner": partner,
            "partner_url": reverse("partners:partner_detail", args=[partner.pk]),
            "can_record": permitted_create(self.actor, TrainingCompletion),
            "can_issue": permitted_create(self.actor, HeldCertification),
            "can": {"revoke": permitted_create(self.actor, HeldCertification)},
        }


def _partner_scope(request: HttpRequest) -> int | None:
    raw = request.GET.get("partner", "")
    return int(raw) if raw.isdigit() else None


class CompletionCreate(RecordForm):
    """PRG-6: the channel team records a completion with its evidence."""

    model = TrainingCompletion
    action = "create"
    form_class = CompletionForm
    template_name = "trainings/completion_form.html"
    title = _("Record a completed training")
    success_message = _("Training recorded: %(name)s.")

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        return {
            "files": self.request.FILES or None,
            "contacts": selectors.contact_choices(
                actor=self.actor, partner_id=_partner_scope(self.request)
            ),
            "trainings": selectors.training_choices(actor=self.actor),
        }

    def apply(self, form: Any, record: Any) -> TrainingCompletion:
        data = form.cleaned_data
        return services.completion_record(
            actor=self.actor,
            contact_id=data["contact"].pk,
            training_id=data["training"].pk,
            completed_on=data["completed_on"],
            evidence=data["evidence"],
            evidence_reference=data["evidence_reference"],
        )

    def success_url(self, saved: TrainingCompletion) -> str:
        return reverse("trainings:partner_certifications", args=[saved.contact.partner_id])


class HeldCreate(RecordForm):
    """PRG-12: the channel team issues a certification to a partner's person."""

    model = HeldCertification
    action = "create"
    form_class = HeldForm
    template_name = "trainings/completion_form.html"
    title = _("Issue a certification")
    success_message = _("Certification issued: %(name)s.")

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        return {
            "contacts": selectors.contact_choices(
                actor=self.actor, partner_id=_partner_scope(self.request)
            ),
            "certifications": selectors.certification_list(actor=self.actor),
        }

    def apply(self, form: Any, record: Any) -> HeldCertification:
        data = form.cleaned_data
        return services.certification_issue(
            actor=self.actor,
            holder_id=data["holder"].pk,
            certification_id=data["certification"].pk,
            issued_on=data["issued_on"],
            expires_on=data["expires_on"],
        )

    def success_url(self, saved: HeldCertification) -> str:
        return reverse("trainings:partner_certifications", args=[saved.holder.partner_id])


class HeldRevoke(RecordForm):
    """PRG-12: revoke a certification, saying why."""

    model = HeldCertification
    action = "revoke"
    form_class = RevokeForm
    template_name = "trainings/revoke_form.html"
    title = _("Revoke a certification")
    success_message = _("Certification revoked: %(name)s.")
    refusals_to_page = True

    def record(self, pk: int) -> HeldCertification:
        held = selectors.held_get(actor=self.actor, pk=pk)
        services.require_to(actor=self.actor, record=held, action="revoke")
        return held

    def form_kwargs(self, record: HeldCertification) -> dict[str, Any]:
        return {"initial": {"version": record.version}}

    def apply(self, form: Any, record: HeldCertification) -> HeldCertification:
        return services.certification_revoke(
            actor=self.actor,
            held=record,
            reason=form.cleaned_data["reason"],
            expected_version=form.cleaned_data["version"],
        )

    def success_url(self, saved: HeldCertification) -> str:
        return reverse("trainings:partner_certifications", args=[saved.holder.partner_id])


def evidence_response(completion: TrainingCompletion) -> FileResponse:
    """The certificate file, as an attachment of the type it was checked to be."""
    if not completion.evidence:
        raise Http404()
    return FileResponse(completion.evidence.open("rb"), as_attachment=True)


class CompletionEvidence(Page):
    """The certificate file, only to those who see the completion."""

    model = TrainingCompletion

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        return evidence_response(selectors.completion_get(actor=self.actor, pk=pk))
