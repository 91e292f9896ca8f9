"""The trainings catalogue pages (PRG-6, PRG-12): the trainings and the
certifications on offer, each with its form. What partners' people hold is
in held_views.py."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.views.editing import RecordForm
from openprm.core.views.generic import RecordList
from openprm.core.views.web import permitted_create
from openprm.trainings import selectors, services, tables
from openprm.trainings.forms import (
    CertificationForm,
    TrainingForm,
)
from openprm.trainings.models import (
    Certification,
    Training,
)


def _catalogue(form: Any) -> dict[str, Any]:
    return {
        k: v for k, v in form.cleaned_data.items() if k not in ("version", "required_trainings")
    }


class TrainingList(RecordList):
    model = Training
    spec = tables.TRAININGS
    template_name = "trainings/training_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {"can_create": permitted_create(self.actor, Training)}


class TrainingCreate(RecordForm):
    model = Training
    action = "create"
    form_class = TrainingForm
    template_name = "trainings/catalogue_form.html"
    title = _("New training")
    success_message = _("%(name)s is in the catalogue.")

    def apply(self, form: Any, record: Any) -> Training:
        return services.training_create(actor=self.actor, data=_catalogue(form))

    def success_url(self, saved: Training) -> str:
        return reverse("trainings:training_list")


class TrainingEdit(RecordForm):
    model = Training
    action = "change"
    form_class = TrainingForm
    template_name = "trainings/catalogue_form.html"
    title = _("Edit training")
    success_message = _("%(name)s is saved.")
    refusals_to_page = True

    def record(self, pk: int) -> Training:
        training = selectors.training_get(actor=self.actor, pk=pk)
        services.require_to(actor=self.actor, record=training, action="change")
        return training

    def form_kwargs(self, record: Training) -> dict[str, Any]:
        initial = {f: getattr(record, f) for f in services.TRAINING_FIELDS}
        return {"initial": {**initial, "version": record.version}}

    def apply(self, form: Any, record: Training) -> Training:
        return services.training_update(
            actor=self.actor,
            training=record,
            changes=_catalogue(form),
            expected_version=form.cleaned_data["version"],
        )

    def success_url(self, saved: Training) -> str:
        return reverse("trainings:training_list")


class CertificationList(RecordList):
    model = Certification
    spec = tables.CERTIFICATIONS
    template_name = "trainings/certification_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {"can_create": permitted_create(self.actor, Certification)}


class CertificationCreate(RecordForm):
    model = Certification
    action = "create"
    form_class = CertificationForm
    template_name = "trainings/catalogue_form.html"
    title = _("New certification")
    success_message = _("%(name)s is in the catalogue.")

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        return {"trainings": selectors.training_choices(actor=self.actor)}

    def apply(self, form: Any, record: Any) -> Certification:
        return services.certification_create(
            actor=self.actor,
            data=_catalogue(form),
            required_trainings=[t.pk for t in form.cleaned_data["required_trainings"]],
        )

    def success_url(self, saved: Certification) -> str:
        return reverse("trainings:certification_list")


class CertificationEdit(RecordForm):
    model = Certification
    action = "change"
    form_class = CertificationForm
    template_name = "trainings/catalogue_form.html"
    title = _("Edit certification")
    success_message = _("%(name)s is saved.")
    refusals_to_page = True

    def record(self, pk: int) -> Certification:
        certification = selectors.certification_get(actor=self.actor, pk=pk)
        services.require_to(actor=self.actor, record=certification, action="change")
        return certification

    def form_kwargs(self, record: Certification) -> dict[str, Any]:
        initial = {f: getattr(record, f) for f in services.CERTIFICATION_FIELDS}
        initial["required_trainings"] = list(record.required_trainings.values_list("pk", flat=True))
        return {
            "initial": {**initial, "version": record.version},
            "trainings": selectors.training_list(actor=self.actor),
        }

    def apply(self, form: Any, record: Certification) -> Certification:
        return services.certification_update(
            actor=self.actor,
            certification=record,
            changes=_catalogue(form),
            expected_version=form.cleaned_data["version"],
            required_trainings=[t.pk for t in form.cleaned_data["required_trainings"]],
        )

    def success_url(self, saved: Certification) -> str:
        return reverse("trainings:certification_list")
