"""Who sees and edits accounts through teams and the management hierarchy
(TEAM-1..TEAM-5), and the levels team membership gives.

Grants are SQL conditions on one account row (`customers.reach.AccountSql`),
checked with a few index probes per row, so a list walking accounts — or
contacts, through their relationships — in sort order stops at the page.
Written as correlated EXISTS on purpose: SQLite re-evaluates an
uncorrelated `IN (subquery)` every time the correlated subquery around it
runs, which made the per-contact check cost a millisecond at 100,000
accounts (docs/performance.md). The people below a manager come from the
actor (TEAM-4), read once per request. Partner (portal) users get nothing
here: their organization's records come from the partners app. Territories
give their own grants and levels (territories.policies).
"""

from typing import Any

from django.db.models import Q, QuerySet

from openprm.core import access
from openprm.core.actor import Actor, Resources
from openprm.customers.levels import EDITING_LEVELS, AccessLevel
from openprm.customers.models import Account
from openprm.customers.reach import (
    AccountSql,
    marks,
    register_account_edit_grant,
    register_account_grant,
    register_level_source,
)
from openprm.teams.models import AccountTeamMember

TEAM = AccountTeamMember._meta.db_table
ACCOUNTS = Account._meta.db_table


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


def _own_team_rows(actor: Actor, levels: tuple[str, ...] = ()) -> AccountSql:
    """The actor is on the team as a user or through its own resource."""
    own = actor.resource_id
    if own is None:
        return _team_rows("tm.user_id = %s", (actor.pk,), levels)
    return _team_rows("tm.user_id = %s OR tm.resource_id = %s", (actor.pk, own), levels)


def _below(resources: Resources, levels: tuple[str, ...]) -> AccountSql:
    """What the people below own, or reach by team (of `levels`)."""
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
    return condition


def team_grant(actor: Actor) -> AccountSql | None:
    """TEAM-1: members of an account's team see it (TEAM-3: until removed)."""
    return _own_team_rows(actor) if actor.is_internal else None


def manager_grant(actor: Actor) -> AccountSql | None:
    """TEAM-4: a manager sees what anyone below them sees by ownership or
    team (territories add what the people below reach by territory)."""
    resources = actor.resources
    return _below(resources, ()) if resources.below else None


def team_edit_grant(actor: Actor) -> AccountSql | None:
    """TEAM-2: Edit and Full members may edit the account."""
    return _own_team_rows(actor, EDITING_LEVELS) if actor.is_internal else None


def manager_edit_grant(actor: Actor) -> AccountSql | None:
    """TEAM-4: the manager may edit what the people below them may edit."""
    resources = actor.resources
    return _below(resources, EDITING_LEVELS) if resources.below else None


def _memberships(actor: Actor, resources: Resources) -> QuerySet[AccountTeamMember]:
    """Team rows of the actor and of everyone below (TEAM-4)."""
    members = Q(user_id=actor.pk) | Q(resource_id__in=resources.below)
    members |= Q(user_id__in=resources.users_below)
    if resources.own is not None:
        members |= Q(resource_id=resources.own)
    return AccountTeamMember.objects.filter(members)


def team_levels(actor: Actor, account: Account) -> list[str]:
    """TEAM-1/2/4: the levels of the actor's and its subordinates' team
    memberships, and Full for an account a subordinate owns."""
    resources = actor.resources
    levels = list(
        _memberships(actor, resources)
        .filter(account=account)
        .values_list("access_level", flat=True)
        .distinct()
    )
    if account.owner_id in resources.users_below:
        levels.append(AccessLevel.FULL)
    return levels


@access.register(AccountTeamMember)
def _team_members(
    queryset: QuerySet[AccountTeamMember], actor: Actor
) -> QuerySet[AccountTeamMember]:
    """TEAM-2: the team is visible with its account, even to View Only members."""
    return queryset.filter(access.through_visible(Account, actor, "account"))


register_account_grant("team", team_grant)
register_account_grant("manager", manager_grant)
register_account_edit_grant("team", team_edit_grant)
register_account_edit_grant("manager", manager_edit_grant)
register_level_source("team", team_levels)
