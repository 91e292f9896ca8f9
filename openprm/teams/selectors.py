"""Reading account teams, always within the accounts the actor may see."""

from typing import Any

from django.db.models import QuerySet

from openprm.core import access
from openprm.customers.models import Account
from openprm.teams.models import AccountTeamMember


def team_member_list(*, actor: Any, account_id: Any) -> QuerySet[AccountTeamMember]:
    """TEAM-2: everyone who sees the account sees its team; else NotFound."""
    account = access.get_visible(Account, actor, account_id)
    return (
        access.visible(AccountTeamMember, actor)
        .filter(account=account)
        .select_related("resource", "user")
        .order_by("pk")
    )


def team_member_get(*, actor: Any, account_id: Any, pk: Any) -> AccountTeamMember:
    members = access.visible(AccountTeamMember, actor).filter(account_id=account_id)
    return access.get_visible(AccountTeamMember, actor, pk, members)
