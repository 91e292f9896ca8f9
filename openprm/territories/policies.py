"""Territory visibility, the "territory" account grant and the level an
assigned territory gives (TER-1, TER-3, TEAM-3, TEAM-4).

Internal users see every territory (they pick them, e.g. TER-4); partner
users see none here — the partners app shows them their own.
"""

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import missing_privilege
from openprm.customers.levels import AccessLevel, at_least, default_access_level
from openprm.customers.models import Account
from openprm.customers.reach import (
    AccountSql,
    marks,
    register_account_edit_grant,
    register_account_grant,
    register_level_source,
)
from openprm.territories.catalog import MANAGE_TERRITORIES
from openprm.territories.models import (
    AccountTerritory,
    RealignmentRun,
    Territory,
    TerritoryCriterion,
    TerritoryMember,
)

_ASSIGNMENTS = AccountTerritory._meta.db_table
_TERRITORIES = Territory._meta.db_table
_MEMBERS = TerritoryMember._meta.db_table


def territory_rows(resource_ids: tuple[int, ...]) -> AccountSql:
    """An active territory assigned to the row holds one of `resource_ids`
    (TER-3, TEAM-3)."""
    joins = (
        f"FROM {_ASSIGNMENTS} at JOIN {_TERRITORIES} t ON t.id = at.territory_id AND t.active "
        f"JOIN {_MEMBERS} m ON m.territory_id = at.territory_id "
        f"WHERE m.resource_id IN ({marks(resource_ids)})"
    )
    return AccountSql(
        f"EXISTS (SELECT 1 {joins} AND at.account_id = {{id}})",
        resource_ids,
        f"SELECT at.account_id {joins}",
        resource_ids,
    )


def _reach(actor: Actor) -> tuple[int, ...]:
    """The actor's own resource and everyone below it (TEAM-4: a manager
    reaches what the people below reach by territory)."""
    resources = actor.resources
    own = () if resources.own is None else (resources.own,)
    return own + resources.below


def territory_grant(actor: Actor) -> AccountSql | None:
    """TER-3/TEAM-3: members of an active territory assigned to an account see
    it, whether or not they are on its team (CON-7's "my territories")."""
    own = actor.resource_id
    return None if own is None else territory_rows((own,))


def manager_territory_grant(actor: Actor) -> AccountSql | None:
    """TEAM-4: a manager sees what the people below reach by territory."""
    below = actor.resources.below
    return territory_rows(below) if below else None


def territory_edit_grant(actor: Actor) -> AccountSql | None:
    """Territory members, and their managers, act with the default team
    level (TEAM-1, TEAM-4)."""
    if not at_least(default_access_level(), AccessLevel.EDIT):
        return None
    reach = _reach(actor)
    return territory_rows(reach) if reach else None


@access.policy(Territory)
class TerritoryPolicy(access.Policy[Territory]):
    """Every internal user reads territories (TER-4 pickers, why an account
    is theirs); creating one, or changing one — its fields, criteria,
    members — needs Manage Territories."""

    def view(self, rows: QuerySet[Territory], actor: Actor) -> QuerySet[Territory]:
        return access.internal_users_only(rows, actor)

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return missing_privilege(actor, MANAGE_TERRITORIES)

    def check_change(self, actor: Actor, territory: Territory) -> PermissionRefused | None:
        return missing_privilege(actor, MANAGE_TERRITORIES)


access.register(TerritoryMember)(access.internal_users_only)
access.register(TerritoryCriterion)(access.internal_users_only)
access.register(RealignmentRun)(access.internal_users_only)


@access.register(AccountTerritory)
def _assignments(queryset: QuerySet[AccountTerritory], actor: Actor) -> QuerySet[AccountTerritory]:
    return queryset.filter(access.through_visible(Account, actor, "account"))


def territory_levels(actor: Actor, account: Account) -> list[str]:
    """TEAM-1: an account in an active territory of the actor (or of someone
    below it) gives the default team level."""
    reach = _reach(actor)
    if not reach:
        return []
    assigned = AccountTerritory.objects.filter(
        account=account, territory__active=True, territory__members__resource_id__in=reach
    )
    return [default_access_level()] if assigned.exists() else []


register_account_grant("territory", territory_grant)
register_account_grant("manager_territory", manager_territory_grant)
register_account_edit_grant("territory", territory_edit_grant)
register_level_source("territory", territory_levels)
