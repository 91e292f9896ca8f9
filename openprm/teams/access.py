"""Who sees and edits accounts through teams and the management hierarchy
(TEAM-1..TEAM-5), and the one place that decides an actor's access level.

Grants are SQL conditions on one account row (`customers.access.AccountSql`),
checked with a few index probes per row, so a list walking accounts — or
contacts, through their relationships — in sort order stops at the page.
Written as correlated EXISTS on purpose: SQLite re-evaluates an
uncorrelated `IN (subquery)` every time the correlated subquery around it
runs, which made the per-contact check cost a millisecond at 100,000
accounts (docs/performance.md). The people below a manager come as ids from
`identity.hierarchy` (TEAM-4), read once per request. Partner (portal) users
get nothing here: their organization's records come from the partners app.
"""

from typing import Any

from django.db.models import Q, QuerySet

from openprm.core import access
from openprm.core.privileges import VIEW_ALL_SALES_DATA, has_privilege
from openprm.customers.access import (
    AccountSql,
    account_edit_q,
    marks,
    register_access_level_resolver,
    register_account_edit_grant,
    register_account_grant,
)
from openprm.customers.models import Account
from openprm.identity.hierarchy import ActorResources, actor_resources
from openprm.teams.levels import at_least, default_access_level, highest
from openprm.teams.models import AccessLevel, AccountTeamMember
from openprm.territories.access import territory_rows
from openprm.territories.models import AccountTerritory

EDITING_LEVELS = (AccessLevel.EDIT, AccessLevel.FULL)
TEAM = AccountTeamMember._meta.db_table
ACCOUNTS = Account._meta.db_table


def _internal(actor: Any) -> bool:
    return access.is_active_actor(actor) and not getattr(actor, "is_partner_user", True)


def _team_rows(condition: str, params: tuple[Any, ...], levels: tuple[str, ...]) -> AccountSql:
    """Members of the row's team matching `condition`, of `levels` if given."""
    condition = f"({condition})"
    if levels:
        condition += f" AND tm.access_level IN ({marks(levels)})"
        params = params + levels
    return AccountSql(
        f"EXISTS (SELECT 1 FROM {TEAM} tm WHERE tm.account_id = {{id}} AND {condition})",  # noqa: S608
        params,
        f"SELECT tm.account_id FROM {TEAM} tm WHERE {condition}",  # noqa: S608
        params,
    )


def _own_team_rows(actor: Any, levels: tuple[str, ...] = ()) -> AccountSql:
    """The actor is on the team as a user or through its own resource."""
    own = actor_resources(actor).own
    if own is None:
        return _team_rows("tm.user_id = %s", (actor.pk,), levels)
    return _team_rows("tm.user_id = %s OR tm.resource_id = %s", (actor.pk, own), levels)


def _below(resources: ActorResources, levels: tuple[str, ...], territories: bool) -> AccountSql:
    """What the people below own, or reach by team (of `levels`) or territory."""
    below, users = resources.below, resources.users_below
    member = f"tm.resource_id IN ({marks(below)})"
    if users:
        member += f" OR tm.user_id IN ({marks(users)})"
    condition = _team_rows(member, below + users, levels)
    if users:
        owned = AccountSql(
            f"{{owner}} IN ({marks(users)})",
            users,
            f"SELECT id FROM {ACCOUNTS} WHERE owner_id IN ({marks(users)})",  # noqa: S608
            users,
        )
        condition = owned | condition
    if territories:
        condition |= territory_rows(below)
    return condition


def team_grant(actor: Any) -> AccountSql | None:
    """TEAM-1: members of an account's team see it (TEAM-3: until removed)."""
    return _own_team_rows(actor) if _internal(actor) else None


def manager_grant(actor: Any) -> AccountSql | None:
    """TEAM-4: a manager sees what anyone below them sees by ownership, team
    or territory."""
    resources = actor_resources(actor) if _internal(actor) else None
    if not resources or not resources.below:
        return None
    return _below(resources, (), territories=True)


def team_edit_grant(actor: Any) -> AccountSql | None:
    """TEAM-2: Edit and Full members may edit the account."""
    return _own_team_rows(actor, EDITING_LEVELS) if _internal(actor) else None


def manager_edit_grant(actor: Any) -> AccountSql | None:
    """TEAM-4: the manager may edit what the people below them may edit."""
    resources = actor_resources(actor) if _internal(actor) else None
    if not resources or not resources.below:
        return None
    territories = at_least(default_access_level(), AccessLevel.EDIT)
    return _below(resources, EDITING_LEVELS, territories=territories)


def _memberships(actor: Any, resources: ActorResources) -> QuerySet[AccountTeamMember]:
    """Team rows of the actor and of everyone below (TEAM-4)."""
    members = Q(user_id=actor.pk) | Q(resource_id__in=resources.below)
    members |= Q(user_id__in=resources.users_below)
    if resources.own is not None:
        members |= Q(resource_id=resources.own)
    return AccountTeamMember.objects.filter(members)


def _territory_level_applies(account: Account, resources: ActorResources) -> bool:
    reach = (resources.own,) if resources.own is not None else ()
    reach += resources.below
    return AccountTerritory.objects.filter(
        account=account, territory__active=True, territory__members__resource_id__in=reach
    ).exists()


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
    resources = actor_resources(actor)
    levels = list(
        _memberships(actor, resources)
        .filter(account=account)
        .values_list("access_level", flat=True)
        .distinct()
    )
    if account.owner_id in resources.users_below:
        levels.append(AccessLevel.FULL)
    if _territory_level_applies(account, resources):
        levels.append(default_access_level())
    edit = account_edit_q(actor)
    if edit is None or Account.objects.filter(pk=account.pk).filter(edit).exists():
        levels.append(AccessLevel.EDIT)
    return str(highest(levels) or AccessLevel.VIEW)


@access.register(AccountTeamMember)
def _team_members(queryset: QuerySet[AccountTeamMember], actor: Any) -> QuerySet[AccountTeamMember]:
    """TEAM-2: the team is visible with its account, even to View Only members."""
    return queryset.filter(access.through_visible(Account, actor, "account"))


register_account_grant("team", team_grant)
register_account_grant("manager", manager_grant)
register_account_edit_grant("team", team_edit_grant)
register_account_edit_grant("manager", manager_edit_grant)
register_access_level_resolver(team_access_level)
