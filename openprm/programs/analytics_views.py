"""The channel team's deal analytics per program and tier (DEAL-5)."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from openprm.core.views.generic import Page
from openprm.programs.catalog import MANAGE_PARTNER_PROGRAMS
from openprm.programs.deal_analytics import deal_breakdown
from openprm.programs.forms import AnalyticsRangeForm
from openprm.programs.models import Partnership


class DealAnalytics(Page):
    """Registrations and opportunities by program and by tier, over the
    range asked; an invalid range shows its error and no figures."""

    model = Partnership
    privilege = MANAGE_PARTNER_PROGRAMS
    template_name = "programs/deal_analytics.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        form = AnalyticsRangeForm(request.GET or None)
        context: dict[str, Any] = {"form": form, "breakdown": None}
        if form.is_bound and not form.is_valid():
            return render(request, self.template_name, context)
        data = form.cleaned_data if form.is_bound else {}
        context["breakdown"] = deal_breakdown(
            actor=self.actor, since=data.get("since"), until=data.get("until")
        )
        return render(request, self.template_name, context)
