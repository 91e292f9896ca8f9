"""Reading territories, their criteria, members and account assignments."""

from typing import Any

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.customers.models import Account
from openprm.identity.models import Resource
from openprm.territories.filters import TerritoryFilter
from openprm.territories.models import (
    AccountTerritory,
    RealignmentRun,
    Territory,
    TerritoryCriterion,
    TerritoryMember,
)


def territory_list(*, actor: Actor, filters: TerritoryFilter | None = None) -> QuerySet[Territory]:
    """TER-1: every internal user sees the territories (read-only without
    Manage Territories); partner users none."""
    territories = access.visible(Territory, actor).select_related("parent", "partner")
    if filters is not None:
        territories = filters.filter(territories)
    return territories.order_by("name", "pk")


def territory_children(*, actor: Actor, territory: Territory) -> QuerySet[Territory]:
    return access.visible(Territory, actor).filter(parent=territory).order_by("name", "pk")


def territory_accounts(*, actor: Actor, territory: Territory) -> QuerySet[AccountTerritory]:
    """The accounts holding the territory that the actor may see (TEAM-5)."""
    return (
        access.visible(AccountTerritory, actor)
        .filter(territory=territory)
        .select_related("account")
        .order_by("account__name_search", "pk")
    )


def partner_territory_choices(*, actor: Actor) -> QuerySet[Territory]:
    """TER-4: the active partner territories a channel manager may add."""
    return (
        access.visible(Territory, actor)
        .filter(active=True, territory_type=Territory.Type.PARTNER)
        .select_related("partner")
        .order_by("name", "pk")
    )


def territory_get(*, actor: Actor, pk: Any) -> Territory:
    return access.get_visible(
        Territory, actor, pk, access.visible(Territory, actor).select_related("parent", "partner")
    )


def territory_get_for_edit(*, actor: Actor, pk: Any) -> Territory:
    """The territory for its edit form: 404 when invisible, 403 naming
    Manage Territories when the actor may see but not change it (the form
    itself, not only its save)."""
    territory = territory_get(actor=actor, pk=pk)
    access.require(actor, "change", territory)
    return territory


def criterion_list(*, actor: Actor, territory: Territory) -> QuerySet[TerritoryCriterion]:
    return access.visible(TerritoryCriterion, actor).filter(territory=territory)


def criterion_get(*, actor: Actor, territory_id: Any, pk: Any) -> TerritoryCriterion:
    rows = access.visible(TerritoryCriterion, actor).filter(territory_id=territory_id)
    return access.get_visible(TerritoryCriterion, actor, pk, rows)


def member_list(*, actor: Actor, territory: Territory) -> QuerySet[TerritoryMember]:
    return (
        access.visible(TerritoryMember, actor)
        .filter(territory=territory)
        .select_related("resource")
    )


def member_get(*, actor: Actor, territory_id: Any, pk: Any) -> TerritoryMember:
    rows = access.visible(TerritoryMember, actor).filter(territory_id=territory_id)
    return access.get_visible(TerritoryMember, actor, pk, rows)


def account_territory_list(*, actor: Actor, account_id: Any) -> QuerySet[AccountTerritory]:
    """The territories of an account the actor may see; else NotFound."""
    account = access.get_visible(Account, actor, account_id)
    return (
        access.visible(AccountTerritory, actor)
        .filter(account=account)
        .select_related("territory")
        .order_by("territory__name")
    )


def realignment_get(*, actor: Actor, pk: Any) -> RealignmentRun:
    return access.get_visible(RealignmentRun, actor, pk)


def realignment_latest(*, actor: Actor) -> RealignmentRun | None:
    return access.visible(RealignmentRun, actor).order_by("-created_at", "-pk").first()


PICKER_SIZE = 200


def parent_choices(*, actor: Actor, exclude: Territory | None = None) -> list[tuple[int, str]]:
    rows = access.visible(Territory, actor)
    if exclude is not None:
        rows = rows.exclude(pk=exclude.pk)
    return list(rows.order_by("name", "pk").values_list("pk", "name")[:PICKER_SIZE])


def partner_choices(*, actor: Actor) -> list[tuple[int, str]]:
    """Partner accounts the actor may see, for a partner territory (TER-1)."""
    return list(
        access.visible(Account, actor)
        .filter(account_type=Account.AccountType.PARTNER)
        .order_by("name_search", "pk")
        .values_list("pk", "name")[:PICKER_SIZE]
    )


def member_resource_choices(*, actor: Actor, territory: Territory) -> list[tuple[int, str]]:
    """TER-1: internal resources for internal territories, partner resources
    for partner territories (the service checks the partner)."""
    return list(
        access.visible(Resource, actor)
        .filter(active=True, is_partner_resource=territory.is_partner_territory)
        .exclude(territory_memberships__territory=territory)
        .order_by("name", "pk")
        .values_list("pk", "name")[:PICKER_SIZE]
    )
