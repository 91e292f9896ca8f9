"""The codes of the partners app's refusals, and its typed errors: part of
the API contract, never renamed."""

from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from openprm.core.errors import Conflict


class PartnerErrorCode(StrEnum):
    ALREADY_RESOURCE = "already_resource"
    NOT_A_PORTAL_USER = "not_a_portal_user"
    NOT_A_RESOURCE = "not_a_resource"
    PARTNER_ACTIVE_CANNOT_DELETE = "partner_active_cannot_delete"
    PARTNER_ACTIVE_TYPE_CHANGE = "partner_active_type_change"
    PARTNER_CONTACT_EXISTS = "partner_contact_exists"
    PARTNER_INACTIVE = "partner_inactive"
    PARTNER_STATUS_UNCHANGED = "partner_status_unchanged"
    PRIMARY_CONTACT_REQUIRED = "primary_contact_required"
    PORTAL_DISABLED = "portal_disabled"
    PORTAL_USER_TYPE_NOT_ALLOWED = "portal_user_type_not_allowed"
    PORTAL_USER_EXISTS = "portal_user_exists"
    PORTAL_USER_INACTIVE = "portal_user_inactive"


class NotPortalUser(Conflict):
    code = PartnerErrorCode.NOT_A_PORTAL_USER

    def __init__(self) -> None:
        super().__init__(_("This contact has no portal user."))
