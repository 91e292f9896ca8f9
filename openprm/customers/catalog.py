"""What the customers app declares: its privileges and who holds them, the
lookups accounts are described with, the options its rules read, and the
account record type (custom fields, PLAT-7)."""

from django.utils.translation import gettext_lazy as _

from openprm.core.catalog import Lookup, LookupCode, Option, Privilege, RecordType, RoleGrant
from openprm.identity.catalog import SALES_ADMINISTRATOR

DELETE_SALES_PARTY = "delete_sales_party"
RESTORE_SALES_PARTY = "restore_sales_party"
VIEW_ALL_SALES_DATA = "view_all_sales_data"

PRIVILEGES = (
    Privilege(DELETE_SALES_PARTY, _("Delete Sales Party")),
    Privilege(RESTORE_SALES_PARTY, _("Restore Sales Party")),
    Privilege(VIEW_ALL_SALES_DATA, _("View All Sales Data")),
)

GRANTS = (
    RoleGrant(SALES_ADMINISTRATOR, (DELETE_SALES_PARTY, RESTORE_SALES_PARTY, VIEW_ALL_SALES_DATA)),
)

INDUSTRY = "INDUSTRY"
ACCOUNT_SIZE = "ACCOUNT_SIZE"

LOOKUPS = (
    Lookup(
        INDUSTRY,
        "Industry",
        "Industry of an account; a territory criterion (TER-2).",
        (
            LookupCode("TECH", "High Technology"),
            LookupCode("MANUFACTURING", "Manufacturing"),
            LookupCode("RETAIL", "Retail"),
            LookupCode("FINANCE", "Financial Services"),
            LookupCode("HEALTHCARE", "Healthcare"),
            LookupCode("PUBLIC", "Public Sector"),
            LookupCode("TELECOM", "Telecommunications"),
        ),
    ),
    Lookup(
        ACCOUNT_SIZE,
        "Organization size",
        "Size band of an account; a territory criterion (TER-2).",
        (
            LookupCode("SMALL", "Small (1-99)"),
            LookupCode("MEDIUM", "Medium (100-999)"),
            LookupCode("LARGE", "Large (1000-9999)"),
            LookupCode("ENTERPRISE", "Enterprise (10000+)"),
        ),
    ),
)

ENABLE_SELLTO_ADDR_CHECKBOX = "ZCA_ENABLE_SELLTO_ADDR_CHECKBOX"
DEFAULT_TEAM_ACCESS_LEVEL = "ZCA_DEFAULT_TEAM_ACCESS_LEVEL"

OPTIONS = (
    Option(
        ENABLE_SELLTO_ADDR_CHECKBOX,
        "Enable Sell-To Address Check Box",
        "Default account type on create: Customer when Yes, Prospect when No.",
        value_type="yes_no",
        default_value="Yes",
    ),
    Option(
        DEFAULT_TEAM_ACCESS_LEVEL,
        "Default Team Access Level",
        "Access level given to a new account team member (TEAM-1).",
        value_type="choice",
        default_value="Edit",
        choices=("View Only", "Edit", "Full"),
    ),
)

ACCOUNT_RECORD_TYPE = "account"

RECORD_TYPES = (RecordType(ACCOUNT_RECORD_TYPE, _("Account")),)
