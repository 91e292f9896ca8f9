"""The job and duty roles SPEC.md names (PLAT-2) and identity's own privilege.

Which privileges a role grants is assembled from every app's grants
(core.catalog); the administrator holds them all. Roles are created with
those privileges the first time they are synchronised (identity.seeding);
administrators may change them afterwards.
"""

from django.utils.translation import gettext_lazy as _

from openprm.core.catalog import Privilege, Role

ADMINISTRATOR = "administrator"
SALES_ADMINISTRATOR = "sales_administrator"
CHANNEL_ACCOUNT_MANAGER = "channel_account_manager"
SALESPERSON = "salesperson"
PARTNER_ADMINISTRATOR = "partner_administrator"
PARTNER_SALES_REPRESENTATIVE = "partner_sales_representative"
LEGAL_PREFERENCES_DUTY = "legal_contact_preferences_duty"

MANAGE_USERS = "manage_users"

PRIVILEGES = (Privilege(MANAGE_USERS, _("Manage Users and Roles")),)

ROLES = (
    Role(ADMINISTRATOR, "Administrator", all_privileges=True),
    Role(SALES_ADMINISTRATOR, "Sales Administrator"),
    Role(CHANNEL_ACCOUNT_MANAGER, "Channel Account Manager"),
    Role(SALESPERSON, "Salesperson"),
    Role(PARTNER_ADMINISTRATOR, "Partner Administrator", for_partners=True),
    Role(PARTNER_SALES_REPRESENTATIVE, "Partner Sales Representative", for_partners=True),
    Role(LEGAL_PREFERENCES_DUTY, "Legal Contact Preferences Management", kind="duty"),
)
