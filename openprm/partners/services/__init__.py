"""Every write of the partners app (DESIGN.md: services own the rules)."""

from openprm.partners.services.contacts import (
    partner_contact_add_existing,
    partner_contact_create,
    partner_contact_delete,
    partner_contact_favorite_set,
    partner_contact_update,
)
from openprm.partners.services.partners import (
    partner_create,
    partner_mark_managed,
    partner_set_status,
    partner_update,
)
from openprm.partners.services.portal_settings import partner_portal_update
from openprm.partners.services.portal_users import (
    portal_invitation_resend,
    portal_user_invite,
    portal_user_update,
)
from openprm.partners.services.promotions import (
    partner_contact_promote_to_resource,
    partner_contact_promote_to_user,
)

__all__ = [
    "partner_contact_add_existing",
    "partner_contact_create",
    "partner_contact_delete",
    "partner_contact_favorite_set",
    "partner_contact_promote_to_resource",
    "partner_contact_promote_to_user",
    "partner_contact_update",
    "partner_create",
    "partner_mark_managed",
    "partner_portal_update",
    "partner_set_status",
    "partner_update",
    "portal_invitation_resend",
    "portal_user_invite",
    "portal_user_update",
]
