"""Every read of partners and partner contacts, scoped by partners.access.

Partners are partners.py; partner contacts and the partner user's own
organization contacts.py; the portal's users, directory and summary
portal.py.
"""

from openprm.partners.selectors.contacts import (
    contacts_awaiting_portal_user,
    favorite_partner_contacts,
    own_organization,
    own_partner,
    partner_contact_get,
    partner_contact_get_to,
    partner_contact_list,
    partner_roles,
)
from openprm.partners.selectors.partners import (
    account_get_to_mark_managed,
    managed_partners,
    partner_for_account,
    partner_get,
    partner_get_to,
    partner_hierarchy,
    partner_list,
    partner_name_search,
)
from openprm.partners.selectors.portal import (
    invitations_sent,
    is_own_partner_administrator,
    own_organization_name,
    own_partner_to,
    partner_portal_summary,
    portal_contact_card,
    portal_contact_list,
    portal_user_get_to,
    portal_user_list,
)

__all__ = [
    "account_get_to_mark_managed",
    "contacts_awaiting_portal_user",
    "favorite_partner_contacts",
    "invitations_sent",
    "is_own_partner_administrator",
    "managed_partners",
    "own_organization",
    "own_organization_name",
    "own_partner",
    "own_partner_to",
    "partner_contact_get",
    "partner_contact_get_to",
    "partner_contact_list",
    "partner_for_account",
    "partner_get",
    "partner_get_to",
    "partner_hierarchy",
    "partner_list",
    "partner_name_search",
    "partner_portal_summary",
    "partner_roles",
    "portal_contact_card",
    "portal_contact_list",
    "portal_user_get_to",
    "portal_user_list",
]
