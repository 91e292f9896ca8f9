"""Territory visibility and the "territory" account grant (TER-1, TER-3, TEAM-3).

Internal users see every territory (they pick them, e.g. TER-4); partner
users see none here — the partners app shows them their own.
"""

from typing import Any

from django.db.models import QuerySet

from openprm.core import access
from openprm.customers.access import (
    AccountSql,
    marks,
    register_account_edit_grant,
    register_account_grant,
)
from openprm.customers.models import Account
from openprm.identity.hierarchy import actor_resources
from openprm.teams.levels import at_least, default_access_level
from openprm.teams.models import AccessLevel
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


def _internal(actor: Any) -> bool:
    return access.is_active_actor(actor) and not getattr(actor, "is_partner_user", True)


def territory_grant(actor: Any) -> AccountSql | None:
    """TER-3/TEAM-3: members of an active territory assigned to an account see
    it, whether or not they are on its team."""
    own = actor_resources(actor).own if _internal(actor) else None
    return None if own is None else territory_rows((own,))


def territory_edit_grant(actor: Any) -> AccountSql | None:
    """Territory members act with the default team level (TEAM-1)."""
    if not at_least(default_access_level(), AccessLevel.EDIT):
        return None
    return territory_grant(actor)


access.register(Territory)(access.internal_users_only)
access.register(TerritoryMember)(access.internal_users_only)
access.register(TerritoryCriterion)(access.internal_users_only)
access.register(RealignmentRun)(access.internal_users_only)


@access.register(AccountTerritory)
def _assignments(queryset: QuerySet[AccountTerritory], actor: Any) -> QuerySet[AccountTerritory]:
    return queryset.filter(access.through_visible(Account, actor, "account"))


register_account_grant("territory", territory_grant)
register_account_edit_grant("territory", territory_edit_grant)
