"""JSON API of leads (DEAL-1, DEAL-4, DEAL-8), mounted on the deals router:
the channel team creates and routes leads; a partner user answers the ones
offered to its organization, with the same services as the pages."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.deals import selectors, services, tables
from openprm.deals.filters import LeadFilter
from openprm.deals.models import Lead
from openprm.deals.schemas import (
    LeadCandidateOut,
    LeadDeclineIn,
    LeadIn,
    LeadOut,
    LeadRouteIn,
    LeadsRoutedOut,
    LeadsRouteIn,
)
from openprm.partners.catalog import MANAGE_PARTNERS

router = Router(tags=["leads"])


def _fresh(request: HttpRequest, lead: Lead) -> Lead:
    return selectors.lead_get(actor=request.actor, pk=lead.pk)


@router.get("/leads", response=list[LeadOut])
@reads(Lead)
@paginate(PagePagination)
def lead_list(
    request: HttpRequest,
    filters: Query[LeadFilter],
    sort: sort_choices(tables.LEADS.sortable) = tables.LEADS.default_sort,
) -> Any:
    """Internal users: the leads of the accounts they see; partner users:
    those offered to, taken or passed on by their organization."""
    return tables.LEADS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.post("/leads", response={201: LeadOut})
def lead_create(request: HttpRequest, payload: LeadIn) -> Status[Lead]:
    """DEAL-1: internal users, on an account they see."""
    lead = services.lead_create(
        actor=request.actor,
        account_id=payload.account_id,
        name=payload.name,
        amount=payload.amount,
        description=payload.description,
    )
    return Status(201, _fresh(request, lead))


@router.post("/leads/route", response=LeadsRoutedOut)
def leads_route(request: HttpRequest, payload: LeadsRouteIn) -> Any:
    """DEAL-4: 1 to 500 leads, each to its best candidate; the report names
    the partner each went to, and why each other did not go (`not_found`,
    `lead_state`, `partner_at_capacity`). For those who route leads."""
    return services.leads_route_batch(actor=request.actor, lead_ids=payload.lead_ids)


@router.get("/leads/{lead_id}", response=LeadOut)
@reads(Lead)
def lead_detail(request: HttpRequest, lead_id: RecordId) -> Lead:
    return selectors.lead_get(actor=request.actor, pk=lead_id)


@router.get("/leads/{lead_id}/candidates", response=list[LeadCandidateOut])
@reads(Lead, privilege=MANAGE_PARTNERS)
def lead_candidates(request: HttpRequest, lead_id: RecordId) -> Any:
    """DEAL-4: the partners a new lead could go to, best first, each with
    why; for those who route leads."""
    lead = selectors.lead_get(actor=request.actor, pk=lead_id)
    return selectors.lead_candidates(actor=request.actor, lead=lead)


@router.post("/leads/{lead_id}/route", response=LeadOut)
def lead_route(request: HttpRequest, lead_id: RecordId, payload: LeadRouteIn) -> Lead:
    """Offered to the chosen partner, or to the best candidate when none is."""
    lead = selectors.lead_get(actor=request.actor, pk=lead_id)
    services.lead_route(
        actor=request.actor,
        lead=lead,
        partner_id=payload.partner_id,
        expected_version=payload.version,
    )
    return _fresh(request, lead)


@router.post("/leads/{lead_id}/accept", response=LeadOut)
def lead_accept(request: HttpRequest, lead_id: RecordId) -> Lead:
    """DEAL-4: the partner takes the lead offered to it, before the deadline;
    on a sales account it becomes the partner's opportunity (DEAL-8)."""
    lead = selectors.lead_get(actor=request.actor, pk=lead_id)
    return _fresh(request, services.lead_accept(actor=request.actor, lead=lead))


@router.post("/leads/{lead_id}/decline", response={204: None})
def lead_decline(request: HttpRequest, lead_id: RecordId, payload: LeadDeclineIn) -> Status[None]:
    """With a reason; the lead goes to the next candidate, whom the partner
    is not told (PRG-7)."""
    lead = selectors.lead_get(actor=request.actor, pk=lead_id)
    services.lead_decline(actor=request.actor, lead=lead, reason=payload.reason)
    return Status(204, None)


@router.post("/leads/{lead_id}/pass", response={204: None})
def lead_pass(request: HttpRequest, lead_id: RecordId) -> Status[None]:
    """DEAL-8: passed on to the next routing candidate; the partner stays
    its referrer and is not told who receives it (PRG-7)."""
    lead = selectors.lead_get(actor=request.actor, pk=lead_id)
    services.lead_pass(actor=request.actor, lead=lead)
    return Status(204, None)
