"""Territory visibility and the "territory" account grant (TER-1, TER-3, TEAM-3).

Internal users see every territory (they pick them, e.g. TER-4); partner
users see none here — the partners app shows them their own.
"""

from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet

from openprm.core import access
from openprm.customers.access import NOTHING, register_account_edit_grant, register_account_grant
from openprm.customers.models import Account
from openprm.teams.levels import at_least, default_access_level
from openprm.teams.models import AccessLevel
from openprm.territories.models import (
    AccountTerritory,
    RealignmentRun,
    Territory,
    TerritoryCriterion,
    TerritoryMember,
)


def _internal(actor: Any) -> bool:
    return access.is_active_actor(actor) and not getattr(actor, "is_partner_user", True)


def territory_grant(actor: Any) -> Q:
    """TER-3/TEAM-3: members of an active territory assigned to an account see
    it, whether or not they are on its team. A condition on the account row
    (see teams.access for why grants are correlated)."""
    if not _internal(actor):
        return NOTHING
    assignments = AccountTerritory.objects.filter(
        account_id=OuterRef("pk"),
        territory__active=True,
        territory__members__resource__user_id=actor.pk,
    )
    return Q(Exists(assignments))


def territory_edit_grant(actor: Any) -> Q:
    """Territory members act with the default team level (TEAM-1)."""
    if not at_least(default_access_level(), AccessLevel.EDIT):
        return NOTHING
    return territory_grant(actor)


access.register(Territory)(access.internal_users_only)
access.register(TerritoryMember)(access.internal_users_only)
access.register(TerritoryCriterion)(access.internal_users_only)
access.register(RealignmentRun)(access.internal_users_only)


@access.register(AccountTerritory)
def _assignments(queryset: QuerySet[AccountTerritory], actor: Any) -> QuerySet[AccountTerritory]:
    return queryset.filter(account__in=access.visible(Account, actor))


register_account_grant("territory", territory_grant)
register_account_edit_grant("territory", territory_edit_grant)
