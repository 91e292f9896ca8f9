"""The brand owner's portal settings for a partner (PRG-13): the channel
team switches the organization's portal on and off, sets the highest user
type its administrator may give and whether the organization's users see
its subsidiaries' business.
"""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.events import publish
from openprm.core.records import record_update
from openprm.partners.events import (
    PortalSettingsChanged,
    PortalSwitchedOff,
    PortalSwitchedOn,
)
from openprm.partners.models import (
    PORTAL_USER_TYPE_RANK,
    PartnerContact,
    PartnerProfile,
    PortalUserType,
)


def partner_portal_update(
    *,
    actor: Actor,
    partner: PartnerProfile,
    expected_version: int,
    portal_enabled: bool | None = None,
    max_portal_user_type: str | None = None,
    portal_shows_subsidiaries: bool | None = None,
) -> PartnerProfile:
    """PRG-13: the brand owner's portal settings of one partner.

    Switching the portal off signs out every user of the organization at
    once (their sessions end at their next request and stay ended; their
    tokens answer 401 while it is off) and refuses their sign-in. Lowering
    the highest type to standard makes its power users standard.
    """
    partner = access.get_visible(
        PartnerProfile,
        actor,
        partner.pk,
        access.visible(PartnerProfile, actor).select_related("account"),
    )
    access.require(actor, "manage_portal", partner)
    changes: dict[str, Any] = {}
    if max_portal_user_type is not None:
        if max_portal_user_type not in PortalUserType.values:
            raise ValidationFailed(
                field_errors={"max_portal_user_type": [_("Choose power or standard.")]}
            )
        changes["max_portal_user_type"] = max_portal_user_type
    if portal_shows_subsidiaries is not None:
        changes["portal_shows_subsidiaries"] = portal_shows_subsidiaries
    switched = portal_enabled is not None and portal_enabled != partner.portal_enabled
    if switched:
        changes["portal_enabled"] = portal_enabled
        if not portal_enabled:
            changes["portal_signed_out_at"] = timezone.now()
    with transaction.atomic():
        record_update(
            actor=actor, instance=partner, changes=changes, expected_version=expected_version
        )
        lowered = (
            max_portal_user_type is not None
            and PORTAL_USER_TYPE_RANK[PortalUserType(max_portal_user_type)]
            < PORTAL_USER_TYPE_RANK[PortalUserType.POWER]
        )
        if lowered:
            for above in PartnerContact.objects.filter(
                partner=partner, portal_user_type=PortalUserType.POWER
            ):
                record_update(
                    actor=actor,
                    instance=above,
                    changes={"portal_user_type": max_portal_user_type},
                    expected_version=None,
                )
        publish(PortalSettingsChanged(actor=actor, record=partner))
        if switched:
            event = PortalSwitchedOn if portal_enabled else PortalSwitchedOff
            publish(event(actor=actor, record=partner))
    return partner
