"""Who sees and edits accounts through teams and the management hierarchy
(TEAM-1..TEAM-5), and the one place that decides an actor's access level.

Grants are conditions on one account row (correlated EXISTS on the row's
primary key), so a list walking accounts — or persons, through their
relationships — in sort order checks each row with a few index probes and
stops at the page. SQLite re-evaluates an uncorrelated `IN (subquery)` each
time a correlated subquery around it runs, which made the per-person check
cost a millisecond at 100,000 accounts (docs/performance.md). The people
below a manager are read once per scope as ids (TEAM-4), not per row.
Partner (portal) users get nothing here: their organization's records come
from the partners app.
"""

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import Exists, OuterRef, Q, QuerySet

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


@dataclass(frozen=True)
class Subordinates:
    """The resources below the actor's own resource at any depth (TEAM-4),
    and the users of those resources."""

    resource_ids: tuple[int, ...]
    user_ids: tuple[int, ...]

    def __bool__(self) -> bool:
        return bool(self.resource_ids)


_SUBORDINATES_CACHE = "_team_subordinates"


def subordinates(actor: Any) -> Subordinates:
    """One recursive query down the management hierarchy, read once per actor
    object — like its privileges, for one request (identity.models.User)."""
    cached = actor.__dict__.get(_SUBORDINATES_CACHE)
    if cached is None:
        cached = actor.__dict__[_SUBORDINATES_CACHE] = _read_subordinates(actor)
    return cached


def _read_subordinates(actor: Any) -> Subordinates:
    table = Resource._meta.db_table
    sql = (
        "WITH RECURSIVE below(id) AS ("  # noqa: S608  table name from _meta
        f"SELECT r.id FROM {table} r JOIN {table} boss ON r.manager_id = boss.id "
        "WHERE boss.user_id = %s "
        f"UNION SELECT r.id FROM {table} r JOIN below ON r.manager_id = below.id"
        f") SELECT r.id, r.user_id FROM below JOIN {table} r ON r.id = below.id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [actor.pk])
        rows = cursor.fetchall()
    return Subordinates(
        tuple(row[0] for row in rows), tuple(row[1] for row in rows if row[1] is not None)
    )


def _members() -> QuerySet[AccountTeamMember]:
    """The team of the account row being checked."""
    return AccountTeamMember.objects.filter(account_id=OuterRef("pk"))


def _own_memberships(actor: Any) -> QuerySet[AccountTeamMember]:
    """The actor is a member as a user or through its own resource."""
    return AccountTeamMember.objects.filter(Q(user_id=actor.pk) | Q(resource__user_id=actor.pk))


def _memberships_below(below: Subordinates) -> QuerySet[AccountTeamMember]:
    return AccountTeamMember.objects.filter(
        Q(resource_id__in=below.resource_ids) | Q(user_id__in=below.user_ids)
    )


def _territories_below(below: Subordinates) -> QuerySet[AccountTerritory]:
    return AccountTerritory.objects.filter(
        territory__active=True, territory__members__resource_id__in=below.resource_ids
    )


def _on_row(rows: QuerySet[Any]) -> Q:
    """`rows` that belong to the account row being checked."""
    return Q(Exists(rows.filter(account_id=OuterRef("pk"))))


def team_grant(actor: Any) -> Q:
    """TEAM-1: members of an account's team see it (TEAM-3: until removed)."""
    if not _internal(actor):
        return NOTHING
    return _on_row(_own_memberships(actor))


def manager_grant(actor: Any) -> Q:
    """TEAM-4: a manager sees what anyone below them sees by ownership, team
    or territory."""
    below = subordinates(actor) if _internal(actor) else None
    if not below:
        return NOTHING
    return (
        Q(owner_id__in=below.user_ids)
        | _on_row(_memberships_below(below))
        | _on_row(_territories_below(below))
    )


def team_edit_grant(actor: Any) -> Q:
    """TEAM-2: Edit and Full members may edit the account."""
    if not _internal(actor):
        return NOTHING
    return _on_row(_own_memberships(actor).filter(access_level__in=EDITING_LEVELS))


def manager_edit_grant(actor: Any) -> Q:
    """TEAM-4: the manager may edit what the people below them may edit."""
    below = subordinates(actor) if _internal(actor) else None
    if not below:
        return NOTHING
    condition = Q(owner_id__in=below.user_ids) | _on_row(
        _memberships_below(below).filter(access_level__in=EDITING_LEVELS)
    )
    if at_least(default_access_level(), AccessLevel.EDIT):
        condition |= _on_row(_territories_below(below))
    return condition


def _territory_level_applies(actor: Any, account: Account, below: Subordinates) -> bool:
    assignments = AccountTerritory.objects.filter(account=account, territory__active=True)
    members = Q(territory__members__resource__user_id=actor.pk)
    if below:
        members |= Q(territory__members__resource_id__in=below.resource_ids)
    return assignments.filter(members).exists()


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
    below = subordinates(actor)
    memberships = _own_memberships(actor)
    if below:
        memberships |= _memberships_below(below)
    levels = list(
        memberships.filter(account=account).values_list("access_level", flat=True).distinct()
    )
    if account.owner_id in below.user_ids:
        levels.append(AccessLevel.FULL)
    if _territory_level_applies(actor, account, below):
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
