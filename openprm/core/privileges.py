"""PLAT-2 privilege catalog and the one check every service uses.

The catalog lives in core so any app can name a privilege without importing
identity; identity stores which role grants which privilege.
"""

from typing import Any

from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.errors import MissingPrivilege

DELETE_SALES_PARTY = "delete_sales_party"
DELETE_SALES_PARTY_CONTACT = "delete_sales_party_contact"
LEGAL_CONTACT_PREFERENCES = "legal_contact_preferences_management"
MANAGE_PARTNERS = "manage_partners"
MANAGE_PARTNER_PROGRAMS = "manage_partner_programs"
APPROVE_PARTNER_APPLICATIONS = "approve_partner_applications"
APPROVE_DEAL_REGISTRATIONS = "approve_deal_registrations"
MANAGE_TERRITORIES = "manage_territories"
MANAGE_PROFILE_OPTIONS = "manage_profile_options"
MANAGE_USERS = "manage_users"
MANAGE_LOOKUPS = "manage_lookups"
MANAGE_CUSTOM_FIELDS = "manage_custom_fields"
VIEW_ALL_SALES_DATA = "view_all_sales_data"
RESTORE_SALES_PARTY = "restore_sales_party"

CATALOG: dict[str, Any] = {
    DELETE_SALES_PARTY: _("Delete Sales Party"),
    DELETE_SALES_PARTY_CONTACT: _("Delete Sales Party Contact"),
    LEGAL_CONTACT_PREFERENCES: _("Legal Contact Preferences Management"),
    MANAGE_PARTNERS: _("Manage Partners"),
    MANAGE_PARTNER_PROGRAMS: _("Manage Partner Programs"),
    APPROVE_PARTNER_APPLICATIONS: _("Approve Partner Applications"),
    APPROVE_DEAL_REGISTRATIONS: _("Approve Deal Registrations"),
    MANAGE_TERRITORIES: _("Manage Territories"),
    MANAGE_PROFILE_OPTIONS: _("Manage Profile Options"),
    MANAGE_USERS: _("Manage Users and Roles"),
    MANAGE_LOOKUPS: _("Manage Lookups"),
    MANAGE_CUSTOM_FIELDS: _("Manage Custom Fields"),
    VIEW_ALL_SALES_DATA: _("View All Sales Data"),
    RESTORE_SALES_PARTY: _("Restore Sales Party"),
}


def has_privilege(actor: Actor, code: str) -> bool:
    return actor.has_privilege(code)


def missing_privilege(actor: Actor, code: str) -> MissingPrivilege | None:
    """The refusal naming the privilege when `actor` lacks it (a policy's
    check), else None."""
    return None if actor.has_privilege(code) else MissingPrivilege(code, str(CATALOG[code]))


def require_privilege(actor: Actor, code: str) -> None:
    """Raise MissingPrivilege (HTTP 403) naming the privilege when absent."""
    error = missing_privilege(actor, code)
    if error is not None:
        raise error
