"""The partner setup pages (PRG-9): the channel team's checklist with the
partners whose setup is incomplete, and the Setup tab of a partner's page."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from openprm.core.views.generic import Page, RecordList
from openprm.onboarding import selectors, steps, tables
from openprm.onboarding.checklist import checklist
from openprm.partners.catalog import MANAGE_PARTNERS
from openprm.partners.models import PartnerProfile


class PartnerSetupList(RecordList):
    model = PartnerProfile
    spec = tables.INCOMPLETE
    privilege = MANAGE_PARTNERS
    template_name = "onboarding/setup.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        one_time = selectors.one_time_steps(actor=self.actor)
        return {
            "one_time": one_time,
            "one_time_done": sum(step.done for step in one_time),
            "steps": steps.PARTNER_STEPS,
        }


class PartnerSetup(Page):
    """The partner's page, Setup tab: its checklist, each missing step
    linking to the page that does it."""

    model = PartnerProfile
    template_name = "onboarding/partner_setup.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        partner = selectors.partner_steps(actor=self.actor, pk=pk)
        states = checklist(partner)
        context = {
            "partner": partner,
            "states": states,
            "done": sum(state.done for state in states),
            "partner_url": reverse("partners:partner_detail", args=[partner.pk]),
        }
        return render(request, self.template_name, context)
