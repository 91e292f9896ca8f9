"""The deals lists: the channel team's registrations queue, the partner's own
registrations, and opportunities — declared once for pages, files and API."""

from dataclasses import replace
from operator import attrgetter
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.tables import Column, ListSpec, Query, RecordUrl
from openprm.deals import selectors
from openprm.deals.filters import LeadFilter, OpportunityFilter, RegistrationFilter
from openprm.deals.models import DealRegistration, Lead, Opportunity


def _filtered(rows: QuerySet[Any], filters: Any, actor: Actor) -> QuerySet[Any]:
    """`rows` by the list's filters; a portal user's `partner` filter
    matches only organizations whose business it sees (PRG-7, DEAL-9): a
    deal it only helps on must not answer to its partner's id, or guessing
    ids would name the partner the list calls "Another partner"."""
    if filters is None:
        return rows
    rows = filters.filter(rows)
    if filters.partner is not None and actor.partner_id is not None:
        rows = rows.filter(access.partner_reach_q(actor))
    return rows


def _registrations(
    *, actor: Actor, filters: Any, query: Query, **scope: Any
) -> QuerySet[DealRegistration]:
    return _filtered(selectors.registration_list(actor=actor), filters, actor)


def conflict_count(registration: DealRegistration) -> int | str:
    """The queue's conflict badge: deals a pending registration conflicts
    with (DEAL-3), counted for a page or an export's chunk at once
    (`selectors.with_conflict_counts`, the list's `complete`)."""
    if registration.state not in DealRegistration.PENDING:
        return ""
    return registration.conflicts_counted  # type: ignore[attr-defined,no-any-return]


def days_left(registration: DealRegistration) -> int | str:
    """The expiry clock: protected days left, while approved."""
    if registration.state != DealRegistration.State.APPROVED or not registration.protection_ends:
        return ""
    return max((registration.protection_ends - timezone.localdate()).days, 0)


def state_label(registration: DealRegistration) -> str:
    """The state as people read it: one translation, where
    `get_state_display` translates every state to find one."""
    return str(DealRegistration.State(registration.state).label)


def partner_state(registration: DealRegistration) -> str:
    """What the partner reads: a submitted registration is "under review",
    whatever the channel team is weighing (DEAL-7)."""
    if registration.state == DealRegistration.State.SUBMITTED:
        return str(_("Under review"))
    return state_label(registration)


REGISTRATION_URL = RecordUrl("deals:registration_detail")
PORTAL_REGISTRATION_URL = RecordUrl("portal:registration_detail")
PORTAL_OPPORTUNITY_URL = RecordUrl("portal:opportunity_detail")


REGISTRATIONS = ListSpec(
    name="deals.registrations",
    select=_registrations,
    columns=(
        Column("id", _("ID"), lambda r: r.pk, shown=False),
        Column(
            "number",
            _("Number"),
            sort="number",
            link=REGISTRATION_URL,
            cell="deals/cells/number.html",
        ),
        Column(
            "title",
            _("Deal"),
            sort="title",
            link=REGISTRATION_URL,
            cell="deals/cells/title.html",
        ),
        Column("customer", _("Customer"), lambda r: r.customer_label, sort="customer_key"),
        Column("partner", _("Partner"), lambda r: r.partner.account.name),
        Column(
            "amount",
            _("Amount"),
            attrgetter("amount"),
            sort="amount",
            cell="cells/money.html",
        ),
        Column("currency", _("Currency"), shown=False),
        Column(
            "state",
            _("State"),
            state_label,
            sort="state",
            cell="deals/cells/state.html",
        ),
        Column("conflicts", _("Conflicts"), conflict_count, cell="deals/cells/conflicts.html"),
        Column("submitted_at", _("Submitted"), sort="submitted_at"),
        Column("protection_ends", _("Protected until"), sort="protection_ends"),
    ),
    filters=RegistrationFilter,
    default_sort="-submitted_at",
    filename="deal-registrations",
    complete=selectors.with_conflict_counts,
)


PORTAL_REGISTRATIONS = ListSpec(
    name="deals.portal_registrations",
    select=_registrations,
    columns=(
        Column("id", _("ID"), lambda r: r.pk, shown=False),
        Column(
            "number",
            _("Number"),
            sort="number",
            link=PORTAL_REGISTRATION_URL,
            cell="deals/cells/number.html",
        ),
        Column(
            "title",
            _("Deal"),
            sort="title",
            link=PORTAL_REGISTRATION_URL,
            cell="deals/cells/title.html",
        ),
        Column(
            "organization",
            _("Organization"),
            lambda r: r.partner.account.name,
            shown=False,
            sort="partner__account__name",
        ),
        Column("customer", _("Customer"), lambda r: r.customer_label, sort="customer_key"),
        Column(
            "amount",
            _("Amount"),
            attrgetter("amount"),
            sort="amount",
            cell="cells/money.html",
        ),
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
    return _filtered(selectors.opportunity_list(actor=actor), filters, actor)


OPPORTUNITIES = ListSpec(
    name="deals.opportunities",
    select=_opportunities,
    columns=(
        Column("id", _("ID"), lambda o: o.pk, shown=False),
        Column("name", _("Name"), sort="name", link=Opportunity.get_absolute_url),
        Column("account", _("Account"), lambda o: o.account.name),
        Column("stage", _("Stage"), lambda o: o.get_stage_display(), sort="stage"),
        Column(
            "amount",
            _("Amount"),
            attrgetter("amount"),
            sort="amount",
            cell="cells/money.html",
        ),
        Column("currency", _("Currency"), shown=False),
        Column("close_date", _("Close date"), sort="close_date"),
        Column("partner", _("Partner"), lambda o: o.partner.account.name if o.partner else ""),
    ),
    filters=OpportunityFilter,
    default_sort="close_date",
    filename="opportunities",
)


def _leads(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Lead]:
    return _filtered(selectors.leads_offered(actor=actor), filters, actor)


LEAD_COLUMNS = (
    Column("id", _("ID"), lambda lead: lead.pk, shown=False),
    Column("name", _("Lead"), sort="name", link=Lead.get_absolute_url),
    Column("account", _("Account"), lambda lead: lead.account.name),
    Column("status", _("Status"), lambda lead: lead.get_status_display(), sort="status"),
    Column(
        "amount",
        _("Estimated amount"),
        attrgetter("amount"),
        sort="amount",
        cell="cells/money.html",
    ),
    Column("currency", _("Currency"), shown=False),
    Column("offered_to", _("Offered to"), lambda lead: lead.offered_to or ""),
    Column("partner", _("Partner"), lambda lead: lead.partner.account.name if lead.partner else ""),
    Column("created_at", _("Created"), sort="created_at"),
)

LEADS = ListSpec(
    name="deals.leads",
    select=_leads,
    columns=LEAD_COLUMNS,
    filters=LeadFilter,
    default_sort="-created_at",
    filename="leads",
)


def _portal_leads(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Lead]:
    return _filtered(selectors.portal_lead_list(actor=actor), filters, actor)


PORTAL_LEADS = ListSpec(
    name="deals.portal_leads",
    select=_portal_leads,
    columns=(
        Column("id", _("ID"), lambda lead: lead.pk, shown=False),
        Column("name", _("Lead"), sort="name"),
        Column("account", _("Customer"), lambda lead: lead.account.name),
        Column(
            "organization",
            _("Organization"),
            attrgetter("partner_shown"),
            shown=False,
        ),
        Column(
            "amount",
            _("Estimated amount"),
            attrgetter("amount"),
            sort="amount",
            cell="cells/money.html",
        ),
        Column("currency", _("Currency"), shown=False),
        Column("status", _("Status"), lambda lead: lead.get_status_display(), sort="status"),
        Column("deadline", _("Answer by"), lambda lead: lead.open_deadline or ""),
    ),
    filters=LeadFilter,
    default_sort="-created_at",
    sorts={"created_at": ("created_at",)},
    filename="my-leads",
)


def _portal_opportunities(
    *, actor: Actor, filters: Any, query: Query, **scope: Any
) -> QuerySet[Opportunity]:
    return _filtered(selectors.portal_opportunity_list(actor=actor), filters, actor)


PORTAL_OPPORTUNITIES = ListSpec(
    name="deals.portal_opportunities",
    select=_portal_opportunities,
    columns=(
        *(
            replace(c, link=PORTAL_OPPORTUNITY_URL if c.link else None)
            if c.key != "partner"
            else replace(c, value=attrgetter("partner_shown"))
            for c in OPPORTUNITIES.columns
        ),
        Column(
            "edit",
            _("Actions"),
            attrgetter("editable"),
            cell="deals/cells/edit_opportunity.html",
            exported=False,
        ),
    ),
    filters=OpportunityFilter,
    default_sort="close_date",
    filename="my-opportunities",
    row_key=lambda o: f"opportunity-{o.pk}",
)
