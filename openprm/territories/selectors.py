"""Reading territories, their criteria, members and account assignments."""

from typing import Any

from django.db.models import QuerySet

from openprm.core import access
from openprm.customers.models import Account
from openprm.territories.models import (
    AccountTerritory,
    RealignmentRun,
    Territory,
    TerritoryCriterion,
    TerritoryMember,
)


def territory_list(*, actor: Any, q: str = "", territory_type: str = "") -> QuerySet[Territory]:
    territories = access.visible(Territory, actor).select_related("parent", "partner")
    if q:
        territories = territories.filter(name__istartswith=q.strip())
    if territory_type:
        territories = territories.filter(territory_type=territory_type)
    return territories.order_by("name", "pk")


def territory_get(*, actor: Any, pk: Any) -> Territory:
    return access.get_visible(
        Territory, actor, pk, access.visible(Territory, actor).select_related("parent", "partner")
    )


def criterion_list(*, actor: Any, territory: Territory) -> QuerySet[TerritoryCriterion]:
    return access.visible(TerritoryCriterion, actor).filter(territory=territory)


def criterion_get(*, actor: Any, territory_id: Any, pk: Any) -> TerritoryCriterion:
    rows = access.visible(TerritoryCriterion, actor).filter(territory_id=territory_id)
    return access.get_visible(TerritoryCriterion, actor, pk, rows)


def member_list(*, actor: Any, territory: Territory) -> QuerySet[TerritoryMember]:
    return (
        access.visible(TerritoryMember, actor)
        .filter(territory=territory)
        .select_related("resource")
    )


def member_get(*, actor: Any, territory_id: Any, pk: Any) -> TerritoryMember:
    rows = access.visible(TerritoryMember, actor).filter(territory_id=territory_id)
    return access.get_visible(TerritoryMember, actor, pk, rows)


def account_territory_list(*, actor: Any, account_id: Any) -> QuerySet[AccountTerritory]:
    """The territories of an account the actor may see; else NotFound."""
    account = access.get_visible(Account, actor, account_id)
    return (
        access.visible(AccountTerritory, actor)
        .filter(account=account)
        .select_related("territory")
        .order_by("territory__name")
    )


def realignment_get(*, actor: Any, pk: Any) -> RealignmentRun:
    return access.get_visible(RealignmentRun, actor, pk)


def realignment_latest(*, actor: Any) -> RealignmentRun | None:
    return access.visible(RealignmentRun, actor).order_by("-created_at", "-pk").first()
