"""What the recruitment app declares (PRG-1, PRG-10): the privilege that
decides partner applications, the reasons an application is rejected and
how long an applicant may leave a question unanswered.

Approve Partner Applications keeps the code the partners app declared it
with, so roles that already hold it keep it."""

from django.utils.translation import gettext_lazy as _

from openprm.core.catalog import Lookup, LookupCode, Option, Privilege, RoleGrant
from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER

APPROVE_PARTNER_APPLICATIONS = "approve_partner_applications"

PRIVILEGES = (Privilege(APPROVE_PARTNER_APPLICATIONS, _("Approve Partner Applications")),)

GRANTS = (RoleGrant(CHANNEL_ACCOUNT_MANAGER, (APPROVE_PARTNER_APPLICATIONS,)),)

ANSWER_DAYS = "ZPR_APPLICATION_ANSWER_DAYS"
APPLICATIONS_PER_HOUR = "ZPR_APPLICATIONS_PER_ADDRESS_HOUR"

OPTIONS = (
    Option(
        ANSWER_DAYS,
        "Partner Application Answer Days",
        "Days an applicant has to answer a request for more information before the "
        "application expires.",
        value_type="number",
        default_value="30",
    ),
    Option(
        APPLICATIONS_PER_HOUR,
        "Partner Applications per Address and Hour",
        "How many applications the public form accepts from one network address per hour; "
        "the excess is refused with 429.",
        value_type="number",
        default_value="10",
    ),
)

REJECT_REASONS = "PARTNER_APPLICATION_REJECT_REASON"
ALREADY_PARTNER = "ALREADY_PARTNER"

LOOKUPS = (
    Lookup(
        REJECT_REASONS,
        "Partner Application Rejection Reasons",
        "Why the channel team rejects a partner application; the applicant sees the meaning.",
        (
            LookupCode(ALREADY_PARTNER, "Your organization is already our partner"),
            LookupCode("NOT_A_FIT", "Your business does not fit the program"),
            LookupCode("OUT_OF_REGION", "We do not recruit partners in your region yet"),
            LookupCode("INCOMPLETE", "The application lacks required information"),
            LookupCode("DUPLICATE", "Your organization has applied already"),
        ),
    ),
)
