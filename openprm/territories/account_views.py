"""The account's Territories tab (TER-3, TER-4): its territories, automatic
or added, with "Assign Territories" and the partner territories a channel
manager adds. Every decision is the services' or selectors'."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openprm.core.errors import ValidationFailed
from openprm.core.privileges import has_privilege
from openprm.core.views.generic import Page
from openprm.core.views.web import html_errors, permitted
from openprm.customers.models import Account
from openprm.customers.selectors import account_get
from openprm.partners.catalog import MANAGE_PARTNERS
from openprm.territories import selectors, services, tables
from openprm.territories.forms import PartnerTerritoriesForm


class AccountTerritories(Page):
    """TER-3/TER-4: the account's territories, automatic or added."""

    model = Account
    template_name = "territories/account_territories.html"

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = account_get(actor=self.actor, pk=pk)
        can_add_partner = has_privilege(self.actor, MANAGE_PARTNERS)
        choices = (
            [
                (t.pk, f"{t.name} ({t.partner.name if t.partner else '—'})")
                for t in selectors.partner_territory_choices(actor=self.actor)
            ]
            if can_add_partner
            else []
        )
        context: dict[str, Any] = {
            "account": account,
            "assignments": tables.ACCOUNT_TERRITORIES.rows(
                actor=self.actor, query=request.GET, account_id=account.pk
            ),
            "can_assign": permitted(self.actor, account, "change")["change"],
            "can_add_partner": can_add_partner,
            "partner_form": PartnerTerritoriesForm(territories=choices),
        }
        return render(request, self.template_name, context)


@require_POST
@html_errors
def account_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """TER-3 "Assign Territories": Edit access is enough (TEAM-2)."""
    services.account_assign_territories(actor=request.actor, account_id=pk)
    messages.success(request, _("Territories assigned."))
    return redirect("territories:account_territories", pk=pk)


@require_POST
@html_errors
def account_add_partner(request: HttpRequest, pk: int) -> HttpResponse:
    """TER-4: a channel manager adds chosen partner territories."""
    ids = [int(v) for v in request.POST.getlist("territory_ids") if v.isdigit()]
    try:
        services.account_add_partner_territories(
            actor=request.actor, account_id=pk, territory_ids=ids
        )
    except ValidationFailed as error:
        messages.error(request, "; ".join(m for ms in error.field_errors.values() for m in ms))
    else:
        messages.success(request, _("Partner territories added."))
    return redirect("territories:account_territories", pk=pk)
