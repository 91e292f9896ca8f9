"""Partnerships (PRG-3): a partner placed in a program, at the entry tier,
with its channel manager and terms."""

from collections.abc import Mapping
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.lookups.selectors import lookup_value_find
from openprm.core.records import record_create, record_update
from openprm.identity.models import User
from openprm.partners.models import PartnerProfile
from openprm.programs.catalog import ACTIVE, PARTNERSHIP_STATUS
from openprm.programs.errors import ProgramErrorCode
from openprm.programs.models import (
    Partnership,
    Program,
    TierChange,
)

PARTNERSHIP_FIELDS = (
    "status",
    "reward_percent",
    "discount_percent",
    "mdf_eligible",
    "starts_on",
    "ends_on",
    "channel_manager_id",
)


def _require_status(code: str) -> None:
    """A status is text, not an enum, because administrators add codes to
    the lookup (PLAT-4); one that is not an active code of it is refused."""
    if lookup_value_find(PARTNERSHIP_STATUS, code) is None:
        raise ValidationFailed(
            field_errors={"status": [_("Choose a status from the Partnership Statuses list.")]}
        )


def _manager(user_id: int | None) -> User | None:
    if user_id is None:
        return None
    found = (
        access.unscoped(User)
        .filter(pk=user_id, is_active=True, user_type=User.UserType.INTERNAL)
        .first()
    )
    if found is None:
        raise ValidationFailed(
            field_errors={"channel_manager_id": [_("Choose an active internal user.")]}
        )
    return found


def partnership_create(
    *,
    actor: Actor,
    partner_id: int,
    program_id: int,
    status: str = ACTIVE,
    **conditions: Any,
) -> Partnership:
    """PRG-3: a partner's one partnership, at its program's entry tier."""
    access.require_create(actor, Partnership)
    partner = access.get_visible(PartnerProfile, actor, partner_id)
    program = access.get_visible(Program, actor, program_id)
    _require_status(status)
    entry = program.tiers.filter(is_retired=False).order_by("rank").first()
    if entry is None:
        raise ValidationFailed(field_errors={"program_id": [_("The program has no tier yet.")]})
    if "channel_manager_id" in conditions:
        conditions["channel_manager"] = _manager(conditions.pop("channel_manager_id"))
    duplicate = Conflict(
        _("%(partner)s already has a partnership: a partner belongs to one program.")
        % {"partner": partner},
        code=ProgramErrorCode.PARTNERSHIP_EXISTS,
    )
    if Partnership.objects.filter(partner=partner).exists():
        raise duplicate
    try:
        with transaction.atomic():
            partnership = record_create(
                actor=actor,
                instance=Partnership(
                    partner=partner,
                    program=program,
                    tier=entry,
                    tier_since=conditions.get("starts_on") or timezone.localdate(),
                    status=status,
                    **conditions,
                ),
            )
            TierChange.objects.create(
                partnership=partnership,
                kind=TierChange.Kind.START,
                to_tier=entry,
                changed_by=actor.user,
                changed_at=timezone.now(),
            )
            return partnership
    except IntegrityError as error:
        raise duplicate from error


def partnership_update(
    *, actor: Actor, partnership: Partnership, changes: Mapping[str, Any], expected_version: int
) -> Partnership:
    """Its status and conditions; the tier moves by evaluation or override."""
    access.require(actor, "change", partnership)
    values = {k: v for k, v in changes.items() if k in PARTNERSHIP_FIELDS}
    if "status" in values and values["status"] != partnership.status:
        _require_status(values["status"])
    if "channel_manager_id" in values:
        values["channel_manager"] = _manager(values.pop("channel_manager_id"))
    return record_update(
        actor=actor, instance=partnership, changes=values, expected_version=expected_version
    )
