"""Why a partner action is refused: it is the channel team's (PC-1) or the
partner administrator's (PRG-2)."""

from django.utils.translation import gettext as _

from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import missing_privilege
from openprm.partners.catalog import MANAGE_PARTNERS


def partner_manager_refusal(actor: Actor) -> PermissionRefused | None:
    """PC-1: channel account managers (Manage Partners) manage partners and
    their contacts; portal users never do it through the partner screens."""
    if not actor.is_internal:
        return PermissionRefused(_("Only internal users can manage partners here."))
    return missing_privilege(actor, MANAGE_PARTNERS)


def not_partner_administrator() -> PermissionRefused:
    return PermissionRefused(
        _("Only your organization's partner administrator can manage its users.")
    )
