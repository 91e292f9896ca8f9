"""What the partners app declares: its privileges and who holds them, the
option its rules read and the partner record type (below account, PLAT-7).

Approve Partner Applications is a PLAT-2 channel privilege no app checks
yet. It is declared here, with the channel account manager's grant, because
partners is the channel app that exists: the role keeps the privileges
SPEC.md gives it, and an administrator can already see and assign it. The
recruitment app takes it over (same code, so stored grants stay) when it
arrives, as programs took Manage Partner Programs.
"""

from django.utils.translation import gettext_lazy as _

from openprm.core.catalog import Option, Privilege, RecordType, RoleGrant
from openprm.customers.catalog import ACCOUNT_RECORD_TYPE
from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER, SALES_ADMINISTRATOR

MANAGE_PARTNERS = "manage_partners"
APPROVE_PARTNER_APPLICATIONS = "approve_partner_applications"

PRIVILEGES = (
    Privilege(MANAGE_PARTNERS, _("Manage Partners")),
    Privilege(APPROVE_PARTNER_APPLICATIONS, _("Approve Partner Applications")),
)

GRANTS = (
    RoleGrant(SALES_ADMINISTRATOR, (MANAGE_PARTNERS,)),
    RoleGrant(
        CHANNEL_ACCOUNT_MANAGER,
        (
            MANAGE_PARTNERS,
            APPROVE_PARTNER_APPLICATIONS,
        ),
    ),
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
