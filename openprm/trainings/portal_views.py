"""The partner's Trainings page in the portal (PRG-6, PRG-7, PRG-12): its
people with the trainings they completed and the certifications they hold;
the partner administrator records completions for its own people. The
portal app mounts them under /portal/ (trainings.urls.portal_urlpatterns)."""

from typing import Any

from django.http import FileResponse, HttpRequest
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from openprm.core.views.editing import RecordForm
from openprm.core.views.generic import Page, RecordList
from openprm.core.views.pages import portal_only
from openprm.core.views.web import permitted_create
from openprm.partners.models import PartnerContact
from openprm.partners.selectors import own_partner
from openprm.trainings import selectors, services, tables
from openprm.trainings.forms import CompletionForm
from openprm.trainings.held_views import evidence_response
from openprm.trainings.models import TrainingCompletion


@method_decorator(portal_only, name="dispatch")
class PortalTrainings(RecordList):
    model = PartnerContact
    spec = tables.PEOPLE
    template_name = "trainings/portal/trainings.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {
            "partner": own_partner(actor=self.actor),
            "can_record": permitted_create(self.actor, TrainingCompletion),
            "expiring": selectors.expiring_list(actor=self.actor)[:5],
        }


@method_decorator(portal_only, name="dispatch")
class PortalCompletionCreate(RecordForm):
    """The partner administrator records a completion for its own people."""

    model = TrainingCompletion
    action = "create"
    form_class = CompletionForm
    template_name = "trainings/portal/completion_form.html"
    title = _("Record a completed training")
    success_message = _("Training recorded: %(name)s.")

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        return {
            "files": self.request.FILES or None,
            "contacts": selectors.contact_choices(
                actor=self.actor, partner_id=self.actor.partner_id
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
        return reverse("portal:trainings")


@method_decorator(portal_only, name="dispatch")
class PortalCompletionEvidence(Page):
    model = TrainingCompletion

    def get(self, request: HttpRequest, pk: int) -> FileResponse:
        return evidence_response(selectors.completion_get(actor=self.actor, pk=pk))
