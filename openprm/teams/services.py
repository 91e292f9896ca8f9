"""Every write on account teams (TEAM-1..TEAM-3).

Only Full access (owner, sales administrators, Full members, and managers
above them) changes a team; Edit and View Only members are refused with 403,
and actors who cannot see the account get 404.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, PermissionRefused, ValidationFailed
from openprm.core.records import record_create, record_delete, record_update
from openprm.customers.levels import AccessLevel, at_least, default_access_level
from openprm.customers.models import Account
from openprm.customers.reach import account_access_level
from openprm.identity.models import Resource, User
from openprm.teams.errors import TeamErrorCode
from openprm.teams.models import AccountTeamMember


def account_require_level(*, actor: Actor, account_id: Any, minimum: str) -> Account:
    """The visible account (else NotFound) on which the actor holds `minimum`."""
    account = access.get_visible(Account, actor, account_id)
    if not at_least(account_access_level(actor, account), minimum):
        if minimum == AccessLevel.FULL:
            raise PermissionRefused(_("Only users with Full access can change the account team."))
        raise PermissionRefused(_("You may view this account but not edit it."))
    return account


def _level(value: str | None) -> str:
    if value in (None, ""):
        return default_access_level()
    if value not in AccessLevel.values:
        raise ValidationFailed(
            field_errors={"access_level": [_("Choose View Only, Edit or Full.")]}
        )
    return str(value)


def _who(resource_id: int | None, user_id: int | None) -> tuple[Resource | None, User | None]:
    if (resource_id is None) == (user_id is None):
        raise ValidationFailed(field_errors={"resource_id": [_("Choose a resource or a user.")]})
    if resource_id is not None:
        resource = Resource.objects.select_related("user").filter(pk=resource_id).first()
        if resource is None or not resource.active:
            raise ValidationFailed(field_errors={"resource_id": [_("Choose an active resource.")]})
        return resource, resource.user
    user = User.objects.filter(pk=user_id, is_active=True).first()
    if user is None or user.is_partner_user:
        raise ValidationFailed(field_errors={"user_id": [_("Choose an active internal user.")]})
    return Resource.objects.filter(user=user).first(), user


def team_member_add(
    *,
    actor: Actor,
    account: Account,
    resource_id: int | None = None,
    user_id: int | None = None,
    access_level: str | None = None,
    locked: bool = False,
) -> AccountTeamMember:
    """TEAM-1/TEAM-2: a Full user adds a member, with the default level unless
    another is chosen (Full may grant Full)."""
    account = account_require_level(actor=actor, account_id=account.pk, minimum=AccessLevel.FULL)
    resource, user = _who(resource_id, user_id)
    level = _level(access_level)
    existing = AccountTeamMember.objects.filter(account=account)
    if (resource and existing.filter(resource=resource).exists()) or (
        user and existing.filter(user=user).exists()
    ):
        raise Conflict(
            _("This person is already on the account team."), code=TeamErrorCode.ALREADY_MEMBER
        )
    member = AccountTeamMember(
        account=account, resource=resource, user=user, access_level=level, locked=bool(locked)
    )
    return record_create(actor=actor, instance=member)


def team_member_update(
    *,
    actor: Actor,
    member: AccountTeamMember,
    changes: Mapping[str, Any],
    expected_version: int,
) -> AccountTeamMember:
    """TEAM-2: change a member's level or lock it (Full access only; PLAT-6)."""
    member = access.get_visible(AccountTeamMember, actor, member.pk)
    account_require_level(actor=actor, account_id=member.account_id, minimum=AccessLevel.FULL)
    unknown = sorted(set(changes) - {"access_level", "locked"})
    if unknown:
        raise ValidationFailed(
            field_errors={name: [_("This field cannot be set here.")] for name in unknown}
        )
    values = dict(changes)
    if "access_level" in values:
        values["access_level"] = _level(values["access_level"])
    if "locked" in values:
        values["locked"] = bool(values["locked"])
    return record_update(
        actor=actor, instance=member, changes=values, expected_version=expected_version
    )


def team_member_remove(*, actor: Actor, member: AccountTeamMember) -> None:
    """TEAM-3: the member loses the access the team gave; a territory assigned
    to the account may still grant it."""
    member = access.get_visible(AccountTeamMember, actor, member.pk)
    account_require_level(actor=actor, account_id=member.account_id, minimum=AccessLevel.FULL)
    with transaction.atomic():
        record_delete(actor=actor, instance=member)
