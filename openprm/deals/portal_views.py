"""The partner's deal pages in the portal (DEAL-2, DEAL-4, DEAL-6, DEAL-8,
PRG-7): register a deal (a draft, then submitted), its registrations with
their expiry clock, the leads offered to it and its opportunities. The
portal app mounts them under /portal/ (deals.urls.portal_urlpatterns)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from openprm.core.views.editing import RecordAction, RecordForm
from openprm.core.views.generic import Page, RecordDetail, RecordList
from openprm.core.views.pages import portal_only
from openprm.deals import forms, selectors, services, tables
from openprm.deals.models import DealRegistration, Lead, Opportunity
from openprm.deals.opportunity_views import (
    NewLineProductPick,
    OpportunityEdit,
    deal_context,
    product_matches,
)
from openprm.deals.services.approval import protection_days
from openprm.deals.services.drafts import EDITABLE, FIELDS


@method_decorator(portal_only, name="dispatch")
class PortalRegistrationList(RecordList):
    model = DealRegistration
    spec = tables.PORTAL_REGISTRATIONS
    template_name = "deals/portal/registration_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {"states": DealRegistration.State.choices}


@method_decorator(portal_only, name="dispatch")
class PortalRegistrationForm(RecordForm):
    """One short form: the deal, its customer and products. Saved as a
    draft, or submitted at once with "Submit for approval"."""

    model = DealRegistration
    form_class = forms.RegistrationForm
    template_name = "deals/portal/registration_form.html"
    success_message = _("%(name)s is saved.")

    def record(self, pk: int) -> DealRegistration:
        return selectors.registration_get(actor=self.actor, pk=pk)

    def form_kwargs(self, record: DealRegistration | None) -> dict[str, Any]:
        pick_url = (
            reverse("portal:registration_product_pick")
            if record is None
            else reverse("portal:registration_edit_product_pick", args=[record.pk])
        )
        picker = {"actor": self.actor, "pick_url": pick_url}
        if record is None:
            return picker
        lines = {
            n: {"product": line.product_id, "quantity": line.quantity, "amount": line.amount}
            for n, line in enumerate(record.lines.all())
        }
        initial = {name: getattr(record, name) for name in FIELDS}
        initial.update(version=record.version, lines=lines, country=str(record.country or ""))
        return {**picker, "initial": initial}

    def extra_context(self, form: Any, record: Any) -> dict[str, Any]:
        return {"protection_days": protection_days(self.actor.partner_id)}

    def apply(self, form: Any, record: DealRegistration | None) -> DealRegistration:
        lines = form.lines()
        if record is None:
            saved = services.registration_create(actor=self.actor, data=form.values(), lines=lines)
        else:
            saved = services.registration_update(
                actor=self.actor,
                registration=record,
                changes=form.values(),
                lines=lines,
                expected_version=form.cleaned_data["version"],
            )
        if "submit" in self.request.POST:
            saved = services.registration_submit(
                actor=self.actor, registration=saved, expected_version=saved.version
            )
        return saved

    def success_url(self, saved: DealRegistration) -> str:
        return tables.PORTAL_REGISTRATION_URL(saved)


@method_decorator(portal_only, name="dispatch")
class PortalRegistrationProductPick(NewLineProductPick):
    """The registration form's product pickers (DEAL-2)."""

    model = DealRegistration


@method_decorator(portal_only, name="dispatch")
class PortalRegistrationEditProductPick(Page):
    """The product pickers of a registration's edit form, for those who may
    change that registration (DEAL-2): read from the record's own URL, as
    the opportunity's are."""

    model = DealRegistration
    action = "change"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        selectors.registration_for_change(actor=self.actor, pk=pk)
        return product_matches(request, self.actor)


class PortalRegistrationCreate(PortalRegistrationForm):
    action = "create"


class PortalRegistrationEdit(PortalRegistrationForm):
    action = "change"


@method_decorator(portal_only, name="dispatch")
class PortalRegistrationDetail(RecordDetail):
    model = DealRegistration
    template_name = "deals/portal/registration_detail.html"
    context_object_name = "registration"
    actions = ("change",)

    def record(self, pk: int) -> DealRegistration:
        return selectors.registration_get(actor=self.actor, pk=pk)

    def tab_context(self, record: DealRegistration, tab: str) -> dict[str, Any]:
        return {
            "editable": record.state in EDITABLE,
            "withdrawable": record.state in DealRegistration.PENDING,
            "partner_state": tables.partner_state(record),
            "days_left": tables.days_left(record),
            "version_form": forms.VersionForm(initial={"version": record.version}),
        }


@method_decorator(portal_only, name="dispatch")
class _PortalRegistrationAction(RecordAction):
    model = DealRegistration
    action = "change"
    form_class = forms.VersionForm

    def record(self, pk: int) -> DealRegistration:
        return selectors.registration_get(actor=self.actor, pk=pk)

    def success_url(self, record: DealRegistration) -> str:
        return tables.PORTAL_REGISTRATION_URL(record)


class PortalRegistrationSubmit(_PortalRegistrationAction):
    success_message = _("%(name)s is submitted for approval.")

    def perform(self, record: DealRegistration, form: Any) -> None:
        services.registration_submit(
            actor=self.actor, registration=record, expected_version=form.cleaned_data["version"]
        )


class PortalRegistrationWithdraw(_PortalRegistrationAction):
    success_message = _("%(name)s is withdrawn.")

    def perform(self, record: DealRegistration, form: Any) -> None:
        services.registration_withdraw(
            actor=self.actor, registration=record, expected_version=form.cleaned_data["version"]
        )


@method_decorator(portal_only, name="dispatch")
class PortalLeadList(RecordList):
    model = Lead
    spec = tables.PORTAL_LEADS
    template_name = "deals/portal/lead_list.html"


@method_decorator(portal_only, name="dispatch")
class _PortalLeadAction(RecordAction):
    model = Lead

    def record(self, pk: int) -> Lead:
        return selectors.lead_get(actor=self.actor, pk=pk)

    def success_url(self, record: Lead) -> str:
        return reverse("portal:lead_list")


class PortalLeadAccept(_PortalLeadAction):
    success_message = _("You accepted %(name)s.")

    def perform(self, record: Lead, form: Any) -> None:
        services.lead_accept(actor=self.actor, lead=record)


class PortalLeadDecline(_PortalLeadAction):
    form_class = forms.DeclineForm
    success_message = _("You declined %(name)s.")
    invalid_message = _("Say why you decline the lead.")

    def perform(self, record: Lead, form: Any) -> None:
        services.lead_decline(actor=self.actor, lead=record, reason=form.cleaned_data["reason"])


class PortalLeadPass(_PortalLeadAction):
    """Passed to the next partner routing finds, whom the page never names
    (PRG-7)."""

    success_message = _("You passed %(name)s on to another partner.")

    def perform(self, record: Lead, form: Any) -> None:
        services.lead_pass(actor=self.actor, lead=record)


@method_decorator(portal_only, name="dispatch")
class PortalOpportunityList(RecordList):
    model = Opportunity
    spec = tables.PORTAL_OPPORTUNITIES
    template_name = "deals/portal/opportunity_list.html"


@method_decorator(portal_only, name="dispatch")
class PortalOpportunityDetail(RecordDetail):
    """DEAL-9: a deal the partner sells or works on, as the API shows it —
    its facts, products and sales team — with Edit for a user whose own
    resource is on the team at Edit or Full. Another organization is never
    named: not as the deal's partner, its referrer, on its team or in its
    registrations (PRG-7)."""

    model = Opportunity
    template_name = "deals/portal/opportunity_detail.html"
    context_object_name = "opportunity"
    actions = ("change",)

    def record(self, pk: int) -> Opportunity:
        return selectors.opportunity_get(actor=self.actor, pk=pk)

    def tab_context(self, record: Opportunity, tab: str) -> dict[str, Any]:
        return {**deal_context(self.actor, record), "own_partner_id": self.actor.partner_id}


@method_decorator(portal_only, name="dispatch")
class PortalOpportunityEdit(OpportunityEdit):
    """DEAL-9: a partner user whose own resource is on the deal's team at
    Edit or Full edits it here, through the internal page's service; the
    account stays (moving a deal is the brand owner's)."""

    form_class = forms.OpportunityEditForm

    def form_kwargs(self, record: Opportunity) -> dict[str, Any]:
        return {"opportunity": record}

    def success_url(self, saved: Opportunity) -> str:
        return reverse("portal:opportunity_detail", args=[saved.pk])
