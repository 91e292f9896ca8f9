"""Checks shared by the partner and partner contact services."""

from typing import Any

from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.errors import Conflict, ValidationFailed
from openprm.identity.catalog import PARTNER_ADMINISTRATOR
from openprm.identity.models import Role
from openprm.partners.errors import PartnerErrorCode
from openprm.partners.models import PORTAL_USER_TYPE_RANK, PartnerProfile, PortalUserType


def require_active_partner(partner: PartnerProfile) -> None:
    """PC-3: resources and users are made only while the partner is Active."""
    if not partner.is_active_partner:
        raise Conflict(
            _(
                "Partner “%(name)s” is Inactive: activate it before giving "
                "contacts a role or a user."
            )
            % {"name": partner.account.name},
            code=PartnerErrorCode.PARTNER_INACTIVE,
        )


def partner_role(role_id: Any, *, field: str = "role_id") -> Role:
    """A partner job role (PLAT-2 roles marked for partners), by id."""
    role = access.unscoped(Role).filter(pk=role_id, for_partners=True).first()
    if role is None:
        raise ValidationFailed(field_errors={field: [_("Choose a partner role.")]})
    return role


def partner_administrator_role() -> Role:
    return access.unscoped(Role).get(code=PARTNER_ADMINISTRATOR)


def require_portal_user_type(partner: PartnerProfile, portal_user_type: str) -> None:
    """PRG-2, PRG-13: power or standard, and no higher than the type the
    brand owner allows the organization's users."""
    if portal_user_type not in PortalUserType.values:
        raise ValidationFailed(field_errors={"portal_user_type": [_("Choose power or standard.")]})
    allowed = partner.max_portal_user_type
    rank = PORTAL_USER_TYPE_RANK
    if rank[PortalUserType(portal_user_type)] > rank[PortalUserType(allowed)]:
        raise ValidationFailed(
            _("%(name)s may have standard users only: the brand owner allows no power users.")
            % {"name": partner.account.name},
            code=PartnerErrorCode.PORTAL_USER_TYPE_NOT_ALLOWED,
            field_errors={
                "portal_user_type": [_("The brand owner allows standard users only here.")]
            },
        )
