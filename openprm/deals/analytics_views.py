"""Deal analytics pages (DEAL-5): the Deals tab of a partner's page for the
channel team, and the partner's own Performance page in the portal."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator

from openprm.core.views.generic import Page
from openprm.core.views.pages import portal_only
from openprm.deals.analytics import chart_data, partner_deal_stats
from openprm.partners.models import PartnerProfile
from openprm.partners.selectors import own_partner, partner_get


class PartnerDeals(Page):
    """The partner's page, Deals tab: the partner must be visible (404 otherwise)."""

    model = PartnerProfile
    template_name = "deals/partner_deals.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        partner = partner_get(actor=self.actor, pk=pk)
        stats = partner_deal_stats(actor=self.actor, partner_id=partner.pk)
        return render(request, self.template_name, _context(partner, stats))


@method_decorator(portal_only, name="dispatch")
class PortalPerformance(Page):
    """The partner's own deal figures."""

    template_name = "deals/portal/performance.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        partner = own_partner(actor=self.actor)
        stats = partner_deal_stats(actor=self.actor, partner_id=partner.pk)
        return render(request, self.template_name, _context(partner, stats))


def _context(partner: PartnerProfile, stats: Any) -> dict[str, Any]:
    return {
        "partner": partner,
        "stats": stats,
        "charts": chart_data(stats),
        "partner_url": reverse("partners:partner_detail", args=[partner.pk]),
    }
