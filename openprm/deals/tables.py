"""The deals lists: the channel team's registrations queue, the partner's own
registrations, and opportunities — declared once for pages, files and API."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.tables import Column, ListSpec, Query
from openprm.deals import selectors
from openprm.deals.filters import OpportunityFilter, RegistrationFilter
from openprm.deals.models import DealRegistration, Opportunity


def _filtered(rows: QuerySet[Any], filters: Any) -> QuerySet[Any]:
    return filters.filter(rows) if filters is not None else rows


def _registrations(
    *, actor: Actor, filters: Any, query: Query, **scope: Any
) -> QuerySet[DealRegistration]:
    return _filtered(selectors.registration_list(actor=actor), filters)


def days_left(registration: DealRegistration) -> int | str:
    """The expiry clock: protected days left, while approved."""
    if registration.state != DealRegistration.State.APPROVED or not registration.protection_ends:
        return ""
    return max((registration.protection_ends - timezone.localdate()).days, 0)


def partner_state(registration: DealRegistration) -> str:
    """What the partner reads: a submitted registration is "under review",
    whatever the channel team is weighing (DEAL-7)."""
    if registration.state == DealRegistration.State.SUBMITTED:
        return str(_("Under review"))
    return registration.get_state_display()


def portal_registration_url(registration: DealRegistration) -> str:
    return reverse("portal:registration_detail", args=[registration.pk])


REGISTRATIONS = ListSpec(
    name="deals.registrations",
    select=_registrations,
    columns=(
        Column("id", _("ID"), lambda r: r.pk, shown=False),
        Column("number", _("Number"), sort="number", link=DealRegistration.get_absolute_url),
        Column("title", _("Deal"), sort="title"),
        Column("customer", _("Customer"), lambda r: r.customer_label, sort="customer_key"),
        Column("partner", _("Partner"), lambda r: r.partner.account.name),
        Column("amount", _("Amount"), sort="amount", cell="deals/cells/amount.html"),
        Column("currency", _("Currency"), shown=False),
        Column(
            "state",
            _("State"),
            lambda r: r.get_state_display(),
            sort="state",
            cell="deals/cells/state.html",
        ),
        Column("submitted_at", _("Submitted"), sort="submitted_at"),
        Column("protection_ends", _("Protected until"), sort="protection_ends"),
    ),
    filters=RegistrationFilter,
    default_sort="-submitted_at",
    filename="deal-registrations",
)


PORTAL_REGISTRATIONS = ListSpec(
    name="deals.portal_registrations",
    select=_registrations,
    columns=(
        Column("id", _("ID"), lambda r: r.pk, shown=False),
        Column("number", _("Number"), sort="number", link=portal_registration_url),
        Column("title", _("Deal"), sort="title"),
        Column("customer", _("Customer"), lambda r: r.customer_label, sort="customer_key"),
        Column("amount", _("Amount"), sort="amount", cell="deals/cells/amount.html"),
        Column("currency", _("Currency"), shown=False),
        Column("state", _("State"), partner_state, sort="state", cell="deals/cells/state.html"),
        Column("close_date", _("Close date"), sort="close_date"),
        Column("protection_ends", _("Protected until"), sort="protection_ends"),
        Column("days_left", _("Days left"), days_left, cell="deals/cells/days_left.html"),
    ),
    filters=RegistrationFilter,
    default_sort="-number",
    filename="my-deal-registrations",
)


def _opportunities(
    *, actor: Actor, filters: Any, query: Query, **scope: Any
) -> QuerySet[Opportunity]:
    return _filtered(selectors.opportunity_list(actor=actor), filters)


OPPORTUNITIES = ListSpec(
    name="deals.opportunities",
    select=_opportunities,
    columns=(
        Column("id", _("ID"), lambda o: o.pk, shown=False),
        Column("name", _("Name"), sort="name", link=Opportunity.get_absolute_url),
        Column("account", _("Account"), lambda o: o.account.name),
        Column("stage", _("Stage"), lambda o: o.get_stage_display(), sort="stage"),
        Column("amount", _("Amount"), sort="amount", cell="deals/cells/amount.html"),
        Column("currency", _("Currency"), shown=False),
        Column("close_date", _("Close date"), sort="close_date"),
        Column("partner", _("Partner"), lambda o: o.partner.account.name if o.partner else ""),
    ),
    filters=OpportunityFilter,
    default_sort="close_date",
    filename="opportunities",
)
