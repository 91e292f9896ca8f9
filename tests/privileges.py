"""Every app's privilege codes under one name, for the suites that walk all
apps at once (the route and list matrices); each code lives in its app's
catalog."""

from openprm.catalog.catalog import MANAGE_PRICE_LISTS, MANAGE_PRODUCTS
from openprm.contacts.catalog import DELETE_SALES_PARTY_CONTACT, LEGAL_CONTACT_PREFERENCES
from openprm.core.catalog import MANAGE_CUSTOM_FIELDS, MANAGE_LOOKUPS, MANAGE_PROFILE_OPTIONS
from openprm.customers.catalog import DELETE_SALES_PARTY, RESTORE_SALES_PARTY, VIEW_ALL_SALES_DATA
from openprm.deals.catalog import APPROVE_DEAL_REGISTRATIONS
from openprm.identity.catalog import MANAGE_USERS
from openprm.partners.catalog import MANAGE_PARTNERS
from openprm.programs.catalog import MANAGE_PARTNER_PROGRAMS
from openprm.recruitment.catalog import APPROVE_PARTNER_APPLICATIONS
from openprm.territories.catalog import MANAGE_TERRITORIES

__all__ = [
    "APPROVE_DEAL_REGISTRATIONS",
    "APPROVE_PARTNER_APPLICATIONS",
    "DELETE_SALES_PARTY",
    "DELETE_SALES_PARTY_CONTACT",
    "LEGAL_CONTACT_PREFERENCES",
    "MANAGE_CUSTOM_FIELDS",
    "MANAGE_LOOKUPS",
    "MANAGE_PARTNERS",
    "MANAGE_PARTNER_PROGRAMS",
    "MANAGE_PRICE_LISTS",
    "MANAGE_PRODUCTS",
    "MANAGE_PROFILE_OPTIONS",
    "MANAGE_TERRITORIES",
    "MANAGE_USERS",
    "RESTORE_SALES_PARTY",
    "VIEW_ALL_SALES_DATA",
]
