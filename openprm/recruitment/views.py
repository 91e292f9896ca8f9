"""The channel team's recruitment pages (PRG-1, PRG-10): the applications
list, an application with its duplicate candidates side by side and the
decisions, and the recruitment campaigns."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.lookups.selectors import lookup_choices
from openprm.core.views.editing import RecordAction, RecordForm
from openprm.core.views.generic import RecordDetail, RecordList
from openprm.recruitment import forms, selectors, services, tables
from openprm.recruitment.catalog import APPROVE_PARTNER_APPLICATIONS, REJECT_REASONS
from openprm.recruitment.models import Application, Campaign

State = Application.State
REASON_LABELS = {
    "tax_id": _("same tax id"),
    "domain": _("same web domain"),
    "name_country": _("same name and country"),
    "similar_name": _("near-identical name at the same postal code"),
}


def base_url(request: Any) -> str:
    return str(request.build_absolute_uri("/"))


class ApplicationList(RecordList):
    model = Application
    spec = tables.APPLICATIONS
    privilege = APPROVE_PARTNER_APPLICATIONS
    template_name = "recruitment/application_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {"states": State.choices, "programs": selectors.program_choices(actor=self.actor)}


class ApplicationDetail(RecordDetail):
    model = Application
    template_name = "recruitment/application_detail.html"
    context_object_name = "application"
    actions = ("decide",)

    def record(self, pk: int) -> Application:
        return selectors.application_get(actor=self.actor, pk=pk)

    def tab_context(self, record: Application, tab: str) -> dict[str, Any]:
        version = {"version": record.version}
        context: dict[str, Any] = {
            "reason_labels": REASON_LABELS,
            "reject_meaning": dict(lookup_choices(REJECT_REASONS)).get(record.reject_reason, ""),
        }
        if record.is_open:
            candidates = selectors.duplicate_candidates(actor=self.actor, application=record)
            context.update(
                candidates=candidates,
                blocking=[c for c in candidates if c.account is not None],
                link_form=forms.LinkForm(initial=version),
                info_form=forms.InfoRequestForm(initial=version),
                reject_form=forms.RejectForm(initial=version),
                approve_form=forms.ApproveForm(
                    initial={**version, "username": record.email.lower()}
                ),
                review_form=forms.VersionForm(initial=version),
            )
        return context


class _Decision(RecordAction):
    model = Application
    action = "decide"
    form_class = forms.VersionForm

    def record(self, pk: int) -> Application:
        return selectors.application_get(actor=self.actor, pk=pk)


class ApplicationReview(_Decision):
    success_message = _("You are reviewing %(name)s.")

    def perform(self, record: Application, form: Any) -> None:
        services.application_review_start(
            actor=self.actor, application=record, expected_version=form.cleaned_data["version"]
        )


class ApplicationRequestInfo(_Decision):
    form_class = forms.InfoRequestForm
    success_message = _("Your question went to %(name)s.")

    def perform(self, record: Application, form: Any) -> None:
        services.application_request_info(
            actor=self.actor,
            application=record,
            message=form.cleaned_data["message"],
            expected_version=form.cleaned_data["version"],
            base_url=base_url(self.request),
        )


class ApplicationLink(_Decision):
    form_class = forms.LinkForm
    success_message = _("%(name)s is linked to the existing account.")

    def perform(self, record: Application, form: Any) -> None:
        services.application_link_account(
            actor=self.actor,
            application=record,
            account_id=form.cleaned_data["account_id"],
            expected_version=form.cleaned_data["version"],
        )


class ApplicationApprove(_Decision):
    form_class = forms.ApproveForm
    success_message = _("%(name)s is a partner now; the invitation is on its way.")

    def perform(self, record: Application, form: Any) -> None:
        services.application_approve(
            actor=self.actor,
            application=record,
            expected_version=form.cleaned_data["version"],
            base_url=base_url(self.request),
            username=form.cleaned_data["username"],
        )


class ApplicationReject(_Decision):
    form_class = forms.RejectForm
    success_message = _("%(name)s is rejected.")

    def perform(self, record: Application, form: Any) -> None:
        services.application_reject(
            actor=self.actor,
            application=record,
            reason=form.cleaned_data["reason"],
            note=form.cleaned_data["note"],
            expected_version=form.cleaned_data["version"],
            base_url=base_url(self.request),
        )


class CampaignList(RecordList):
    model = Campaign
    spec = tables.CAMPAIGNS
    privilege = APPROVE_PARTNER_APPLICATIONS
    template_name = "recruitment/campaign_list.html"


class CampaignCreate(RecordForm):
    model = Campaign
    action = "create"
    form_class = forms.CampaignForm
    template_name = "recruitment/campaign_form.html"
    title = _("New recruitment campaign")
    success_message = _("Campaign %(name)s is ready; share its link.")

    def apply(self, form: Any, record: Any) -> Campaign:
        data = {k: v for k, v in form.cleaned_data.items() if k != "version"}
        return services.campaign_create(actor=self.actor, data=data)

    def success_url(self, saved: Campaign) -> str:
        return reverse("recruitment:campaign_list")


class CampaignEdit(RecordForm):
    model = Campaign
    action = "change"
    form_class = forms.CampaignForm
    template_name = "recruitment/campaign_form.html"
    title = _("Edit recruitment campaign")
    success_message = _("Campaign %(name)s is saved.")
    refusals_to_page = True

    def record(self, pk: int) -> Campaign:
        return selectors.campaign_get(actor=self.actor, pk=pk)

    def form_kwargs(self, record: Campaign) -> dict[str, Any]:
        return {
            "initial": {
                "code": record.code,
                "name": record.name,
                "is_active": record.is_active,
                "version": record.version,
            }
        }

    def apply(self, form: Any, record: Campaign) -> Campaign:
        data = dict(form.cleaned_data)
        version = data.pop("version")
        return services.campaign_update(
            actor=self.actor, campaign=record, changes=data, expected_version=version
        )

    def success_url(self, saved: Campaign) -> str:
        return reverse("recruitment:campaign_list")
