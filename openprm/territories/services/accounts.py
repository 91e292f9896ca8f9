"""Assigning territories to accounts (TER-3, TER-4): one account at once, a
channel manager's partner territories, and the batch realignment."""

from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.events import publish
from openprm.core.privileges import require_privilege
from openprm.customers.levels import AccessLevel
from openprm.customers.models import Account
from openprm.partners.catalog import MANAGE_PARTNERS
from openprm.teams.services import account_require_level
from openprm.territories.assignment import assign_account, sync_territory_team_members
from openprm.territories.catalog import MANAGE_TERRITORIES
from openprm.territories.events import PartnerTerritoriesAdded, TerritoriesAssigned
from openprm.territories.models import (
    AccountTerritory,
    RealignmentRun,
    Territory,
)
from openprm.territories.tasks import realign_all_accounts


def account_assign_territories(*, actor: Actor, account_id: Any) -> list[AccountTerritory]:
    """TER-3 "Assign Territories" for one account: Edit access is enough (TEAM-2)."""
    account = account_require_level(actor=actor, account_id=account_id, minimum=AccessLevel.EDIT)
    with transaction.atomic():
        added, removed = assign_account(account)
        publish(TerritoriesAssigned(actor=actor, record=account, added=added, removed=removed))
    return list(AccountTerritory.objects.filter(account=account).select_related("territory"))


def account_add_partner_territories(
    *, actor: Actor, account_id: Any, territory_ids: list[int]
) -> list[AccountTerritory]:
    """TER-4: a channel manager adds chosen partner territories to an account."""
    account = access.get_visible(Account, actor, account_id)
    require_privilege(actor, MANAGE_PARTNERS)
    ids = sorted(set(territory_ids))
    chosen = list(
        Territory.objects.filter(
            pk__in=ids, active=True, territory_type=Territory.Type.PARTNER
        ).values_list("pk", flat=True)
    )
    if not ids or len(chosen) != len(ids):
        raise ValidationFailed(
            field_errors={"territory_ids": [_("Choose active partner territories.")]}
        )
    with transaction.atomic():
        held = set(
            AccountTerritory.objects.filter(account=account).values_list("territory_id", flat=True)
        )
        AccountTerritory.objects.bulk_create(
            [
                AccountTerritory(
                    account=account, territory_id=t, source=AccountTerritory.Source.MANUAL
                )
                for t in chosen
                if t not in held
            ]
        )
        sync_territory_team_members([account.pk])
        publish(PartnerTerritoriesAdded(actor=actor, record=account, territories=tuple(chosen)))
    return list(AccountTerritory.objects.filter(account=account).select_related("territory"))


def realignment_start(*, actor: Actor) -> RealignmentRun:
    """TER-3 batch realignment of every account, in the background."""
    require_privilege(actor, MANAGE_TERRITORIES)
    run = RealignmentRun.objects.create(started_by=actor.user)
    transaction.on_commit(lambda: realign_all_accounts.enqueue(run.pk))
    return run
