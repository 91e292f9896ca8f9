"""Who sees and edits accounts through teams and the management hierarchy
(TEAM-1..TEAM-5), and the one place that decides an actor's access level.

Grants are set-based conditions evaluated inside the account query: the
management subtree is a recursive CTE, not a query per person (TEAM-4).
Partner (portal) users get nothing here: their organization's records come
from the partners app.
"""

from typing import Any

from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL

from openprm.core import access
from openprm.core.privileges import VIEW_ALL_SALES_DATA, has_privilege
from openprm.customers.access import (
    NOTHING,
    account_edit_q,
    register_access_level_resolver,
    register_account_edit_grant,
    register_account_grant,
)
from openprm.customers.models import Account
from openprm.identity.models import Resource
from openprm.teams.levels import at_least, default_access_level, highest
from openprm.teams.models import AccessLevel, AccountTeamMember
from openprm.territories.models import AccountTerritory

EDITING_LEVELS = (AccessLevel.EDIT, AccessLevel.FULL)


def _internal(actor: Any) -> bool:
    return access.is_active_actor(actor) and not getattr(actor, "is_partner_user", True)


def subordinate_resources(actor: Any) -> RawSQL:
    """Ids of every resource below the actor's own resource, at any depth (TEAM-4)."""
    table = Resource._meta.db_table
    return RawSQL(  # noqa: S611  table name from _meta, actor id as a parameter
        "WITH RECURSIVE below(id) AS ("  # noqa: S608
        f"SELECT r.id FROM {table} r JOIN {table} boss ON r.manager_id = boss.id "
        "WHERE boss.user_id = %s "
        f"UNION SELECT r.id FROM {table} r JOIN below ON r.manager_id = below.id"
        ") SELECT id FROM below",
        [actor.pk],
    )


def _own_memberships(actor: Any) -> QuerySet[AccountTeamMember]:
    """Both arms are index lookups (an OR over a join to resources scanned
    every team row)."""
    own_resources = Resource.objects.filter(user_id=actor.pk).values("id")
    return AccountTeamMember.objects.filter(Q(user_id=actor.pk) | Q(resource_id__in=own_resources))


def _subordinate_memberships(actor: Any) -> QuerySet[AccountTeamMember]:
    below = subordinate_resources(actor)
    users_below = Resource.objects.filter(id__in=below, user__isnull=False).values("user_id")
    return AccountTeamMember.objects.filter(Q(resource_id__in=below) | Q(user_id__in=users_below))


def _subordinate_territories(actor: Any) -> QuerySet[AccountTerritory]:
    return AccountTerritory.objects.filter(
        territory__active=True, territory__members__resource_id__in=subordinate_resources(actor)
    )


def _subordinate_owners(actor: Any) -> QuerySet[Resource]:
    return Resource.objects.filter(id__in=subordinate_resources(actor), user__isnull=False).values(
        "user_id"
    )


def team_grant(actor: Any) -> Q:
    """TEAM-1: members of an account's team see it (TEAM-3: until removed)."""
    if not _internal(actor):
        return NOTHING
    return Q(pk__in=_own_memberships(actor).values("account_id"))


def manager_grant(actor: Any) -> Q:
    """TEAM-4: a manager sees what anyone below them sees by ownership, team
    or territory."""
    if not _internal(actor):
        return NOTHING
    return (
        Q(pk__in=_subordinate_memberships(actor).values("account_id"))
        | Q(pk__in=_subordinate_territories(actor).values("account_id"))
        | Q(owner_id__in=_subordinate_owners(actor))
    )


def team_edit_grant(actor: Any) -> Q:
    """TEAM-2: Edit and Full members may edit the account."""
    if not _internal(actor):
        return NOTHING
    return Q(
        pk__in=_own_memberships(actor).filter(access_level__in=EDITING_LEVELS).values("account_id")
    )


def manager_edit_grant(actor: Any) -> Q:
    """TEAM-4: the manager may edit what the people below them may edit."""
    if not _internal(actor):
        return NOTHING
    condition = Q(
        pk__in=_subordinate_memberships(actor)
        .filter(access_level__in=EDITING_LEVELS)
        .values("account_id")
    ) | Q(owner_id__in=_subordinate_owners(actor))
    if at_least(default_access_level(), AccessLevel.EDIT):
        condition |= Q(pk__in=_subordinate_territories(actor).values("account_id"))
    return condition


def territory_level_applies(actor: Any, account: Account, *, below: bool) -> bool:
    assignments = AccountTerritory.objects.filter(account=account, territory__active=True)
    own = assignments.filter(territory__members__resource__user_id=actor.pk)
    if not below:
        return own.exists()
    return (
        own.exists()
        or assignments.filter(
            territory__members__resource_id__in=subordinate_resources(actor)
        ).exists()
    )


def team_access_level(actor: Any, account: Account) -> str | None:
    """TEAM-1/2/4: "full", "edit", "view" or None for `account`.

    Owner and users who see all sales data have Full; otherwise the highest of
    the actor's and their subordinates' team levels, Full for an account a
    subordinate owns, the default level for a territory assignment, and Edit
    where another app's edit grant allows editing (a channel manager on a
    managed partner's account). Anyone else who can see it has View.
    """
    if not _internal(actor):
        return None
    if not access.visible(Account, actor).filter(pk=account.pk).exists():
        return None
    if account.owner_id == actor.pk or has_privilege(actor, VIEW_ALL_SALES_DATA):
        return AccessLevel.FULL
    levels = list(
        (_own_memberships(actor) | _subordinate_memberships(actor))
        .filter(account=account)
        .values_list("access_level", flat=True)
        .distinct()
    )
    if Account.objects.filter(pk=account.pk, owner_id__in=_subordinate_owners(actor)).exists():
        levels.append(AccessLevel.FULL)
    if territory_level_applies(actor, account, below=True):
        levels.append(default_access_level())
    edit = account_edit_q(actor)
    if edit is None or Account.objects.filter(pk=account.pk).filter(edit).exists():
        levels.append(AccessLevel.EDIT)
    return str(highest(levels) or AccessLevel.VIEW)


@access.register(AccountTeamMember)
def _team_members(queryset: QuerySet[AccountTeamMember], actor: Any) -> QuerySet[AccountTeamMember]:
    """TEAM-2: the team is visible with its account, even to View Only members."""
    return queryset.filter(account__in=access.visible(Account, actor))


register_account_grant("team", team_grant)
register_account_grant("manager", manager_grant)
register_account_edit_grant("team", team_edit_grant)
register_account_edit_grant("manager", manager_edit_grant)
register_access_level_resolver(team_access_level)
