"""Reading account teams, always within the accounts the actor may see."""

from typing import Any

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.customers.models import Account
from openprm.identity.models import Resource
from openprm.teams.models import AccountTeamMember


def team_member_list(*, actor: Actor, account_id: Any) -> QuerySet[AccountTeamMember]:
    """TEAM-2: everyone who sees the account sees its team; else NotFound."""
    account = access.get_visible(Account, actor, account_id)
    return (
        access.visible(AccountTeamMember, actor)
        .filter(account=account)
        .select_related("resource", "user")
        .order_by("pk")
    )


def team_member_get(*, actor: Actor, account_id: Any, pk: Any) -> AccountTeamMember:
    members = access.visible(AccountTeamMember, actor).filter(account_id=account_id)
    return access.get_visible(AccountTeamMember, actor, pk, members)


RESOURCE_CHOICES = 50


def resource_choices(*, actor: Actor, q: str = "") -> QuerySet[Resource]:
    """The team member picker: active internal resources by name prefix,
    bounded in size (resources are staff, not a million rows)."""
    resources = access.visible(Resource, actor).filter(active=True, is_partner_resource=False)
    if q.strip():
        resources = resources.filter(name__istartswith=q.strip())
    return resources.order_by("name", "pk")[:RESOURCE_CHOICES]
