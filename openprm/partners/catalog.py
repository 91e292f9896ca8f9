"""What the partners app declares: its privileges and who holds them, the
option its rules read and the partner record type (below account, PLAT-7).
Approve Partner Applications moved to the recruitment app (same code).
"""

from django.utils.translation import gettext_lazy as _

from openprm.core.catalog import Option, Privilege, RecordType, RoleGrant
from openprm.customers.catalog import ACCOUNT_RECORD_TYPE
from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER, SALES_ADMINISTRATOR

MANAGE_PARTNERS = "manage_partners"

PRIVILEGES = (Privilege(MANAGE_PARTNERS, _("Manage Partners")),)

GRANTS = (
    RoleGrant(SALES_ADMINISTRATOR, (MANAGE_PARTNERS,)),
    RoleGrant(CHANNEL_ACCOUNT_MANAGER, (MANAGE_PARTNERS,)),
)

PARTNER_CONTACT_MANDATORY = "ZPM_PARTNER_CONTACT_MANDATORY"

OPTIONS = (
    Option(
        PARTNER_CONTACT_MANDATORY,
        "Partner Contact Mandatory",
        "Whether a partner must be created with a primary contact (PA-6).",
        value_type="yes_no",
        default_value="Yes",
    ),
)

PARTNER_RECORD_TYPE = "partner"

RECORD_TYPES = (RecordType(PARTNER_RECORD_TYPE, _("Partner"), parent=ACCOUNT_RECORD_TYPE),)
