"""Programs, tiers and partnerships (PRG-3, PRG-4): Manage Partner Programs."""

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.indicators import collected
from openprm.core.records import record_create
from openprm.partners.models import PartnerProfile
from openprm.programs.catalog import ACTIVE
from openprm.programs.models import Partnership, Program, Tier, TierRequirement


def program_create(*, actor: Actor, data: Mapping[str, Any]) -> Program:
    access.require_create(actor, Program)
    return record_create(actor=actor, instance=Program(**data))


def tier_create(
    *,
    actor: Actor,
    program: Program,
    data: Mapping[str, Any],
    requirements: Sequence[Mapping[str, Any]] = (),
) -> Tier:
    """A tier at the top of the program's ladder, with what it takes to reach it."""
    access.require(actor, "change", program)
    known = collected()
    with transaction.atomic():
        rank = (program.tiers.order_by("-rank").values_list("rank", flat=True).first() or 0) + 1
        tier = record_create(actor=actor, instance=Tier(program=program, rank=rank, **data))
        for requirement in requirements:
            if requirement["indicator"] not in known:
                raise ValidationFailed(field_errors={"indicator": [_("Unknown indicator.")]})
            TierRequirement.objects.create(
                tier=tier,
                indicator=requirement["indicator"],
                parameter=requirement.get("parameter", ""),
                threshold=Decimal(requirement["threshold"]),
                window_months=requirement.get("window_months", 12),
            )
    return tier


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
    entry = program.tiers.filter(is_retired=False).order_by("rank").first()
    if entry is None:
        raise ValidationFailed(field_errors={"program": [_("The program has no tier yet.")]})
    try:
        with transaction.atomic():
            return record_create(
                actor=actor,
                instance=Partnership(
                    partner=partner,
                    program=program,
                    tier=entry,
                    tier_since=conditions.get("starts_on") or timezone.localdate(),
                    status=status,
                    **conditions,
                ),
                clean=False,
            )
    except IntegrityError as error:
        raise Conflict(
            _("%(partner)s already has a partnership.") % {"partner": partner}
        ) from error
