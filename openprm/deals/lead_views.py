"""Lead pages of the channel team (DEAL-1, DEAL-4): the list, a new lead,
and one lead with its ranked candidates and its offers."""

from collections import Counter
from typing import Any, ClassVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from openprm.core.listing import PER_PAGE
from openprm.core.privileges import has_privilege
from openprm.core.views.editing import RecordAction, RecordForm
from openprm.core.views.generic import Page, RecordDetail, RecordList
from openprm.core.views.web import permitted_create
from openprm.deals import forms, selectors, services, tables
from openprm.deals.models import Lead
from openprm.deals.routing import shortlist
from openprm.partners.catalog import MANAGE_PARTNERS


class LeadList(RecordList):
    model = Lead
    spec = tables.LEADS
    template_name = "deals/lead_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {
            "statuses": Lead.Status.choices,
            "can_create": permitted_create(self.actor, Lead),
            "can_route": has_privilege(self.actor, MANAGE_PARTNERS),
        }


class LeadRouteBatch(Page):
    """DEAL-4: the list's "Route the new leads shown" button; the report
    says how many went to partners and why the others did not."""

    http_method_names: ClassVar[list[str]] = ["post"]  # type: ignore[misc]
    privilege = MANAGE_PARTNERS

    def post(self, request: HttpRequest) -> HttpResponse:
        ids = [int(x) for x in request.POST.getlist("lead_ids") if x.isdigit()]
        back = reverse("deals:lead_list")
        if not ids:
            messages.error(request, str(_("No new lead on the page to route.")))
            return redirect(back)
        report = services.leads_route_batch(actor=self.actor, lead_ids=ids[:PER_PAGE])
        if report.routed:
            messages.success(
                request,
                ngettext(
                    "%(n)s lead is offered to a partner.",
                    "%(n)s leads are offered to partners.",
                    len(report.routed),
                )
                % {"n": len(report.routed)},
            )
        reasons = Counter(item.detail for item in report.not_routed)
        if reasons:
            why = "; ".join(f"{detail} ({count})" for detail, count in reasons.items())
            messages.warning(
                request,
                ngettext(
                    "%(n)s lead was not routed: %(why)s",
                    "%(n)s leads were not routed: %(why)s",
                    len(report.not_routed),
                )
                % {"n": len(report.not_routed), "why": why},
            )
        return redirect(back)


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
