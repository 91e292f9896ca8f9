"""JSON API of opportunities (DEAL-1, DEAL-9), mounted on the deals router."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.deals import selectors, services, tables
from openprm.deals.filters import OpportunityFilter
from openprm.deals.models import Opportunity
from openprm.deals.schemas import (
    LineSchema,
    OpportunityIn,
    OpportunityLineOut,
    OpportunityOut,
    OpportunityTeamIn,
    OpportunityTeamOut,
    OpportunityUpdateIn,
    StageIn,
)

router = Router(tags=["opportunities"])


@router.get("/opportunities", response=list[OpportunityOut])
@reads(Opportunity)
@paginate(PagePagination)
def opportunity_list(
    request: HttpRequest,
    filters: Query[OpportunityFilter],
    sort: sort_choices(tables.OPPORTUNITIES.sortable) = tables.OPPORTUNITIES.default_sort,
) -> Any:
    """Internal users: the opportunities of the accounts they see; partner
    users: those of their organization or with their people on the team."""
    return tables.OPPORTUNITIES.rows(
        actor=request.actor, query=request.GET, filters=filters, sort=sort
    )


@router.post("/opportunities", response={201: OpportunityOut})
def opportunity_create(request: HttpRequest, payload: OpportunityIn) -> Status[Opportunity]:
    """On a sales account the caller may edit (DEAL-1)."""
    opportunity = services.opportunity_create(
        actor=request.actor,
        account_id=payload.account_id,
        name=payload.name,
        close_date=payload.close_date,
        currency=payload.currency,
        lines=[services.LineIn(x.product_id, x.quantity, x.amount) for x in payload.lines],
    )
    return Status(201, selectors.opportunity_get(actor=request.actor, pk=opportunity.pk))


@router.get("/opportunities/{opportunity_id}", response=OpportunityOut)
@reads(Opportunity)
def opportunity_detail(request: HttpRequest, opportunity_id: RecordId) -> Opportunity:
    return selectors.opportunity_get(actor=request.actor, pk=opportunity_id)


@router.patch("/opportunities/{opportunity_id}", response=OpportunityOut)
def opportunity_update(
    request: HttpRequest, opportunity_id: RecordId, payload: OpportunityUpdateIn
) -> Opportunity:
    """The fields sent, by the version they started from (PLAT-6). A closed
    opportunity keeps its amount (409 `opportunity_closed`); a registered
    one its account (409 `opportunity_registered`, DEAL-1)."""
    opportunity = selectors.opportunity_get(actor=request.actor, pk=opportunity_id)
    services.opportunity_update(
        actor=request.actor,
        opportunity=opportunity,
        changes=sent_changes(payload, nullable=()),
        expected_version=payload.version,
    )
    return selectors.opportunity_get(actor=request.actor, pk=opportunity_id)


@router.post("/opportunities/{opportunity_id}/stage", response=OpportunityOut)
def opportunity_stage(
    request: HttpRequest, opportunity_id: RecordId, payload: StageIn
) -> Opportunity:
    """Closed won or lost closes the opportunity and its registrations; a
    closed one's stage no longer moves (409 `opportunity_closed`)."""
    opportunity = selectors.opportunity_get(actor=request.actor, pk=opportunity_id)
    return services.opportunity_set_stage(
        actor=request.actor,
        opportunity=opportunity,
        stage=payload.stage,
        expected_version=payload.version,
    )


@router.get("/opportunities/{opportunity_id}/team", response=list[OpportunityTeamOut])
@reads(Opportunity)
def opportunity_team(request: HttpRequest, opportunity_id: RecordId) -> Any:
    """DEAL-9: the deal's sales team with access levels; a partner user
    sees the brand owner's people and its own, no other partner's (PRG-7)."""
    opportunity = selectors.opportunity_get(actor=request.actor, pk=opportunity_id)
    return list(selectors.team_seen(actor=request.actor, opportunity=opportunity))


@router.post("/opportunities/{opportunity_id}/team", response={201: OpportunityTeamOut})
def opportunity_team_add(
    request: HttpRequest, opportunity_id: RecordId, payload: OpportunityTeamIn
) -> Status[Any]:
    opportunity = selectors.opportunity_get(actor=request.actor, pk=opportunity_id)
    member = services.opportunity_team_add(
        actor=request.actor,
        opportunity=opportunity,
        resource_id=payload.resource_id,
        access_level=payload.access_level,
    )
    return Status(201, member)


@router.delete("/opportunities/{opportunity_id}/team/{member_id}", response={204: None})
def opportunity_team_remove(
    request: HttpRequest, opportunity_id: RecordId, member_id: RecordId
) -> Status[None]:
    opportunity = selectors.opportunity_get(actor=request.actor, pk=opportunity_id)
    services.opportunity_team_remove(
        actor=request.actor, opportunity=opportunity, member_id=member_id
    )
    return Status(204, None)


@router.get("/opportunities/{opportunity_id}/lines", response=list[OpportunityLineOut])
@reads(Opportunity)
def opportunity_lines(request: HttpRequest, opportunity_id: RecordId) -> Any:
    """The deal's product lines; their total is its amount."""
    opportunity = selectors.opportunity_get(actor=request.actor, pk=opportunity_id)
    return list(opportunity.lines.select_related("product"))


@router.post("/opportunities/{opportunity_id}/lines", response={201: OpportunityLineOut})
def opportunity_line_add(
    request: HttpRequest, opportunity_id: RecordId, payload: LineSchema
) -> Status[Any]:
    """An active product; the amount becomes the lines' total (409
    `opportunity_closed` once the deal is won or lost)."""
    opportunity = selectors.opportunity_get(actor=request.actor, pk=opportunity_id)
    line = services.opportunity_line_add(
        actor=request.actor,
        opportunity=opportunity,
        line=services.LineIn(payload.product_id, payload.quantity, payload.amount),
    )
    return Status(201, selectors.opportunity_line_get(opportunity=opportunity, pk=line.pk))


@router.delete("/opportunities/{opportunity_id}/lines/{line_id}", response={204: None})
def opportunity_line_remove(
    request: HttpRequest, opportunity_id: RecordId, line_id: RecordId
) -> Status[None]:
    """Removing the last line answers 409 `last_line`."""
    opportunity = selectors.opportunity_get(actor=request.actor, pk=opportunity_id)
    services.opportunity_line_remove(actor=request.actor, opportunity=opportunity, line_id=line_id)
    return Status(204, None)
