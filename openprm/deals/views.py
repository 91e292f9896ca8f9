"""The channel team's registration pages: the queue and the review page
with every conflicting deal side by side (DEAL-2, DEAL-3, DEAL-7)."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from openprm.catalog.models import Product
from openprm.core.actor import Actor
from openprm.core.views.editing import RecordAction
from openprm.core.views.generic import RecordDetail, RecordList
from openprm.core.views.web import permitted
from openprm.deals import forms, selectors, services, tables
from openprm.deals.conflicts import REASON_LABELS
from openprm.deals.housekeeping import overdue_cutoff
from openprm.deals.models import DealRegistration


class RegistrationQueue(RecordList):
    model = DealRegistration
    spec = tables.REGISTRATIONS
    template_name = "deals/registration_queue.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {
            "states": DealRegistration.State.choices,
            "overdue_before": overdue_cutoff(),
        }


class RegistrationReview(RecordDetail):
    model = DealRegistration
    template_name = "deals/registration_review.html"
    context_object_name = "registration"
    actions = ("approve",)

    def record(self, pk: int) -> DealRegistration:
        return selectors.registration_get(actor=self.actor, pk=pk)

    def tab_context(self, record: DealRegistration, tab: str) -> dict[str, Any]:
        """The conflicts are read only for those who decide (the policy's
        `approve`); everyone else sees the registration alone."""
        context: dict[str, Any] = {"overdue": _overdue(record)}
        if record.state in DealRegistration.PENDING and _may_decide(self.actor, record):
            conflicts = selectors.registration_conflicts(actor=self.actor, registration=record)
            names = dict(
                Product.objects.filter(
                    pk__in={p for c in conflicts for p in c.products}
                ).values_list("pk", "name")
            )
            context.update(
                conflicts=conflicts,
                product_names=names,
                reason_labels=REASON_LABELS,
                approve_form=forms.ApproveForm(
                    actor=self.actor,
                    initial={"version": record.version, "account_id": record.account_id},
                ),
                return_form=forms.NoteForm(initial={"version": record.version}),
                reject_form=forms.RejectForm(initial={"version": record.version}),
            )
        if record.state == DealRegistration.State.APPROVED:
            context.update(
                version_form=forms.VersionForm(initial={"version": record.version}),
                cancel_form=forms.CancelForm(initial={"version": record.version}),
            )
        return context


def _overdue(registration: DealRegistration) -> bool:
    return bool(
        registration.state == DealRegistration.State.SUBMITTED
        and registration.submitted_at
        and registration.submitted_at < overdue_cutoff()
    )


def _may_decide(actor: Actor, registration: DealRegistration) -> bool:
    return permitted(actor, registration, "approve")["approve"]


class _Decision(RecordAction):
    model = DealRegistration
    action = "approve"

    def record(self, pk: int) -> DealRegistration:
        return selectors.registration_get(actor=self.actor, pk=pk)


class RegistrationApprove(_Decision):
    form_class = forms.ApproveForm
    success_message = _("%(name)s is approved.")

    def form_kwargs(self, record: DealRegistration) -> dict[str, Any]:
        return {"actor": self.actor}

    def perform(self, record: DealRegistration, form: Any) -> None:
        data = form.cleaned_data
        services.registration_approve(
            actor=self.actor,
            registration=record,
            expected_version=data["version"],
            account_id=data["account_id"],
            reject_others=data["reject_others"],
            conflict_note=data["conflict_note"],
        )


class RegistrationReturn(_Decision):
    form_class = forms.NoteForm
    success_message = _("%(name)s went back to the partner.")

    def perform(self, record: DealRegistration, form: Any) -> None:
        services.registration_return(
            actor=self.actor,
            registration=record,
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )


class RegistrationReject(_Decision):
    form_class = forms.RejectForm
    success_message = _("%(name)s is rejected.")

    def perform(self, record: DealRegistration, form: Any) -> None:
        services.registration_reject(
            actor=self.actor,
            registration=record,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )


class RegistrationExtend(_Decision):
    form_class = forms.VersionForm
    success_message = _("The protection of %(name)s is extended.")

    def perform(self, record: DealRegistration, form: Any) -> None:
        services.registration_extend(
            actor=self.actor, registration=record, expected_version=form.cleaned_data["version"]
        )


class RegistrationCancel(_Decision):
    form_class = forms.CancelForm
    success_message = _("The protection of %(name)s ended.")

    def perform(self, record: DealRegistration, form: Any) -> None:
        services.registration_cancel(
            actor=self.actor,
            registration=record,
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
        )
