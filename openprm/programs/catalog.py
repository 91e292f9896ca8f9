"""What the programs app declares: the privilege that manages programs,
tiers, partnerships and tier overrides (PRG-3, PRG-4, PRG-11), and the
statuses of a partnership (PRG-3).

Manage Partner Programs keeps the code the partners app declared it with,
so roles that already hold it keep it."""

from django.utils.translation import gettext_lazy as _

from openprm.core.catalog import Lookup, LookupCode, Privilege, RoleGrant
from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER

MANAGE_PARTNER_PROGRAMS = "manage_partner_programs"

PRIVILEGES = (Privilege(MANAGE_PARTNER_PROGRAMS, _("Manage Partner Programs")),)

GRANTS = (RoleGrant(CHANNEL_ACCOUNT_MANAGER, (MANAGE_PARTNER_PROGRAMS,)),)

PARTNERSHIP_STATUS = "PARTNERSHIP_STATUS"
PROSPECT = "PROSPECT"
ONBOARDING = "ONBOARDING"
ACTIVE = "ACTIVE"
SUSPENDED = "SUSPENDED"
TERMINATED = "TERMINATED"

LOOKUPS = (
    Lookup(
        PARTNERSHIP_STATUS,
        "Partnership Statuses",
        "Where the cooperation with a partner stands.",
        (
            LookupCode(PROSPECT, "Prospect"),
            LookupCode(ONBOARDING, "Onboarding"),
            LookupCode(ACTIVE, "Active"),
            LookupCode(SUSPENDED, "Suspended"),
            LookupCode(TERMINATED, "Terminated"),
        ),
    ),
)
