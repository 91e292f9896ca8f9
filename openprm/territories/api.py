"""JSON API for territories (TER-1, TER-2), account assignment (TER-3,
TER-4) and batch realignments (TER-3)."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.handlers import sent_changes
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.customers.models import Account
from openprm.territories import selectors, services, tables
from openprm.territories.filters import TerritoryFilter
from openprm.territories.models import (
    RealignmentRun,
    Territory,
    TerritoryCriterion,
    TerritoryMember,
)
from openprm.territories.schemas import (
    AccountTerritoryOut,
    CriterionIn,
    CriterionOut,
    MemberIn,
    MemberOut,
    PartnerTerritoriesIn,
    RealignmentOut,
    TerritoryIn,
    TerritoryOut,
    TerritoryUpdateIn,
)

router = Router(tags=["territories"])


@router.get("/territories", response=list[TerritoryOut])
@reads(Territory)
@paginate(PagePagination)
def territory_list(
    request: HttpRequest,
    filters: Query[TerritoryFilter],
    sort: sort_choices(tables.TERRITORIES.sortable) = tables.TERRITORIES.default_sort,
) -> Any:
    """TER-1: sort by name, type or active (prefix `-` for descending)."""
    return tables.TERRITORIES.rows(
        actor=request.actor, query=request.GET, filters=filters, sort=sort
    )


@router.post("/territories", response={201: TerritoryOut})
def territory_create(request: HttpRequest, payload: TerritoryIn) -> Status[Territory]:
    """Needs Manage Territories (PLAT-2)."""
    return Status(201, services.territory_create(actor=request.actor, data=payload.model_dump()))


@router.get("/territories/{territory_id}", response=TerritoryOut)
@reads(Territory)
def territory_detail(request: HttpRequest, territory_id: RecordId) -> Territory:
    return selectors.territory_get(actor=request.actor, pk=territory_id)


@router.patch("/territories/{territory_id}", response=TerritoryOut)
def territory_update(
    request: HttpRequest, territory_id: RecordId, payload: TerritoryUpdateIn
) -> Territory:
    territory = selectors.territory_get(actor=request.actor, pk=territory_id)
    return services.territory_update(
        actor=request.actor,
        territory=territory,
        changes=sent_changes(payload),
        expected_version=payload.version,
    )


@router.delete("/territories/{territory_id}", response={204: None})
def territory_delete(request: HttpRequest, territory_id: RecordId) -> Any:
    territory = selectors.territory_get(actor=request.actor, pk=territory_id)
    services.territory_delete(actor=request.actor, territory=territory)
    return Status(204, None)


@router.get("/territories/{territory_id}/criteria", response=list[CriterionOut])
@reads(Territory)
def criterion_list(request: HttpRequest, territory_id: RecordId) -> Any:
    territory = selectors.territory_get(actor=request.actor, pk=territory_id)
    return selectors.criterion_list(actor=request.actor, territory=territory)


@router.post("/territories/{territory_id}/criteria", response={201: CriterionOut})
def criterion_add(
    request: HttpRequest, territory_id: RecordId, payload: CriterionIn
) -> Status[TerritoryCriterion]:
    territory = selectors.territory_get(actor=request.actor, pk=territory_id)
    return Status(
        201,
        services.criterion_add(actor=request.actor, territory=territory, **payload.model_dump()),
    )


@router.delete("/territories/{territory_id}/criteria/{criterion_id}", response={204: None})
def criterion_remove(request: HttpRequest, territory_id: RecordId, criterion_id: RecordId) -> Any:
    criterion = selectors.criterion_get(
        actor=request.actor, territory_id=territory_id, pk=criterion_id
    )
    services.criterion_remove(actor=request.actor, criterion=criterion)
    return Status(204, None)


@router.get("/territories/{territory_id}/members", response=list[MemberOut])
@reads(Territory)
def territory_member_list(request: HttpRequest, territory_id: RecordId) -> Any:
    territory = selectors.territory_get(actor=request.actor, pk=territory_id)
    return selectors.member_list(actor=request.actor, territory=territory)


@router.post("/territories/{territory_id}/members", response={201: MemberOut})
def territory_member_add(
    request: HttpRequest, territory_id: RecordId, payload: MemberIn
) -> Status[TerritoryMember]:
    territory = selectors.territory_get(actor=request.actor, pk=territory_id)
    member = services.territory_member_add(
        actor=request.actor, territory=territory, resource_id=payload.resource_id
    )
    return Status(
        201, selectors.member_get(actor=request.actor, territory_id=territory_id, pk=member.pk)
    )


@router.delete("/territories/{territory_id}/members/{member_id}", response={204: None})
def territory_member_remove(
    request: HttpRequest, territory_id: RecordId, member_id: RecordId
) -> Any:
    member = selectors.member_get(actor=request.actor, territory_id=territory_id, pk=member_id)
    services.territory_member_remove(actor=request.actor, member=member)
    return Status(204, None)


@router.get("/accounts/{account_id}/territories", response=list[AccountTerritoryOut])
@reads(Account)
def account_territory_list(request: HttpRequest, account_id: RecordId) -> Any:
    return tables.ACCOUNT_TERRITORIES.rows(
        actor=request.actor, query=request.GET, account_id=account_id
    )


@router.post("/accounts/{account_id}/territories/assign", response=list[AccountTerritoryOut])
def account_assign_territories(request: HttpRequest, account_id: RecordId) -> Any:
    """TER-3 "Assign Territories" for one account (Edit access, TEAM-2)."""
    return services.account_assign_territories(actor=request.actor, account_id=account_id)


@router.post("/accounts/{account_id}/territories/partner", response=list[AccountTerritoryOut])
def account_add_partner_territories(
    request: HttpRequest, account_id: RecordId, payload: PartnerTerritoriesIn
) -> Any:
    """TER-4: a channel manager adds chosen partner territories."""
    return services.account_add_partner_territories(
        actor=request.actor, account_id=account_id, territory_ids=payload.territory_ids
    )


@router.post("/territory-realignments", response={202: RealignmentOut})
def realignment_start(request: HttpRequest) -> Status[RealignmentRun]:
    """TER-3 batch realignment of every account; poll its status."""
    run = services.realignment_start(actor=request.actor)
    return Status(202, run)


@router.get("/territory-realignments/{run_id}", response=RealignmentOut)
@reads(RealignmentRun)
def realignment_status(request: HttpRequest, run_id: RecordId) -> RealignmentRun:
    return selectors.realignment_get(actor=request.actor, pk=run_id)
