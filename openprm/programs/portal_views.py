"""The partner's program pages in the portal (PRG-7, PRG-8, PRG-11): its
program, read-only, and its own evaluations figure by figure."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.decorators import method_decorator

from openprm.core.views.generic import Page
from openprm.core.views.pages import portal_only
from openprm.deals.analytics import chart_data, partner_deal_stats
from openprm.partners.selectors import own_organization
from openprm.programs import selectors
from openprm.programs.evaluation_views import snapshot_context
from openprm.programs.ladder import Ladder
from openprm.programs.models import Snapshot
from openprm.programs.panels import panels_for
from openprm.programs.partnership_views import partnership_context, tier_history_explained


@method_decorator(portal_only, name="dispatch")
class PortalSnapshot(Page):
    """PRG-11: the partner checks its own figures record by record; another
    partner's evaluation is a 404."""

    model = Snapshot
    template_name = "programs/portal/snapshot.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return render(request, self.template_name, snapshot_context(self.actor, request, pk))


@method_decorator(portal_only, name="dispatch")
class PortalProgram(Page):
    """PRG-7, PRG-8: the partner's program, read-only, with the panels the
    apps contribute."""

    template_name = "programs/portal/program.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        partner = own_organization(actor=self.actor)
        partnership = selectors.partnership_of_partner(actor=self.actor, partner_id=partner.pk)
        if partnership is None:
            return render(request, self.template_name, {"partner": partner})
        stats = partner_deal_stats(actor=self.actor, partner_id=partner.pk)
        ladder = Ladder.of(partnership.program)
        return render(
            request,
            self.template_name,
            {
                "partner": partner,
                **partnership_context(partnership, ladder),
                "tiers": ladder.tiers,
                "stats": stats,
                "charts": chart_data(stats),
                "panels": panels_for(actor=self.actor),
                "last_change": next(
                    iter(tier_history_explained(self.actor, partnership, limit=1)), None
                ),
            },
        )
