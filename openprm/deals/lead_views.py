"""Lead pages of the channel team (DEAL-1, DEAL-4): the list, a new lead,
and one lead with its ranked candidates and its offers."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from openprm.core.views.editing import RecordAction, RecordForm
from openprm.core.views.generic import RecordDetail, RecordList
from openprm.core.views.web import permitted_create
from openprm.deals import forms, selectors, services, tables
from openprm.deals.models import Lead
from openprm.deals.routing import shortlist


class LeadList(RecordList):
    model = Lead
    spec = tables.LEADS
    template_name = "deals/lead_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {
            "statuses": Lead.Status.choices,
            "can_create": permitted_create(self.actor, Lead),
        }


class LeadCreate(RecordForm):
    model = Lead
    action = "create"
    form_class = forms.LeadForm
    template_name = "deals/lead_form.html"
    title = _("New lead")
    success_message = _("The lead %(name)s is created.")

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        return {"actor": self.actor}

    def apply(self, form: Any, record: Any) -> Lead:
        data = form.cleaned_data
        return services.lead_create(
            actor=self.actor,
            account_id=data["account_id"],
            name=data["name"],
            amount=data["amount"] or 0,
            description=data["description"],
        )


class LeadDetail(RecordDetail):
    model = Lead
    template_name = "deals/lead_detail.html"
    context_object_name = "lead"
    actions = ("route",)

    def record(self, pk: int) -> Lead:
        return selectors.lead_get(actor=self.actor, pk=pk)

    def tab_context(self, record: Lead, tab: str) -> dict[str, Any]:
        context: dict[str, Any] = {"offers": selectors.lead_offers(actor=self.actor, lead=record)}
        if record.status == Lead.Status.NEW:
            context["candidates"] = shortlist(record)
            context["route_form"] = forms.RouteForm(initial={"version": record.version})
        return context


class LeadRoute(RecordAction):
    model = Lead
    action = "route"
    form_class = forms.RouteForm
    success_message = _("%(name)s is offered to the partner.")

    def record(self, pk: int) -> Lead:
        return selectors.lead_get(actor=self.actor, pk=pk)

    def perform(self, record: Lead, form: Any) -> None:
        services.lead_route(
            actor=self.actor,
            lead=record,
            partner_id=form.cleaned_data["partner_id"],
            expected_version=form.cleaned_data["version"],
        )
