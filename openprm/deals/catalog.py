"""What the deals app declares: the approval privilege, the options that set
protection, approval and routing, and the reasons a registration is
rejected (DEAL-2, DEAL-6, DEAL-7, DEAL-8)."""

from django.utils.translation import gettext_lazy as _

from openprm.core.catalog import Lookup, LookupCode, Option, Privilege, RoleGrant
from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER

APPROVE_DEAL_REGISTRATIONS = "approve_deal_registrations"

PRIVILEGES = (Privilege(APPROVE_DEAL_REGISTRATIONS, _("Approve Deal Registrations")),)

GRANTS = (RoleGrant(CHANNEL_ACCOUNT_MANAGER, (APPROVE_DEAL_REGISTRATIONS,)),)

PROTECTION_DAYS = "ZDR_PROTECTION_DAYS"
EXTENSION_COUNT = "ZDR_EXTENSION_COUNT"
EXTENSION_DAYS = "ZDR_EXTENSION_DAYS"
SECOND_APPROVAL_AMOUNT = "ZDR_SECOND_APPROVAL_AMOUNT"
APPROVAL_SERVICE_DAYS = "ZDR_APPROVAL_SERVICE_DAYS"
OFFER_ANSWER_HOURS = "ZDR_LEAD_ANSWER_HOURS"

OPTIONS = (
    Option(
        PROTECTION_DAYS,
        "Deal Protection Days",
        "Days an approved registration protects the partner, until programs set it per tier.",
        value_type="number",
        default_value="90",
    ),
    Option(
        EXTENSION_COUNT,
        "Deal Protection Extensions",
        "How often the protection of one registration may be extended.",
        value_type="number",
        default_value="1",
    ),
    Option(
        EXTENSION_DAYS,
        "Deal Protection Extension Days",
        "Days one extension adds to the protection.",
        value_type="number",
        default_value="30",
    ),
    Option(
        SECOND_APPROVAL_AMOUNT,
        "Deal Second Approval Amount",
        "Registrations above this amount need a second, different approver (0: never).",
        value_type="number",
        default_value="250000",
    ),
    Option(
        APPROVAL_SERVICE_DAYS,
        "Deal Approval Service Level",
        "Business days a submitted registration may wait before it is overdue and escalated.",
        value_type="number",
        default_value="2",
    ),
    Option(
        OFFER_ANSWER_HOURS,
        "Lead Answer Hours",
        "Hours a partner has to accept or decline a routed or passed lead.",
        value_type="number",
        default_value="48",
    ),
)

REJECT_REASONS = "DEAL_REJECT_REASON"
HELD_BY_EARLIER = "HELD_BY_EARLIER"

LOOKUPS = (
    Lookup(
        REJECT_REASONS,
        "Deal Registration Rejection Reasons",
        "Why a channel manager rejects a deal registration; the partner sees the meaning.",
        (
            LookupCode(HELD_BY_EARLIER, "An earlier registration holds this opportunity"),
            LookupCode("EXISTING_DEAL", "The brand owner already works this opportunity"),
            LookupCode("NOT_QUALIFIED", "The opportunity is not qualified"),
            LookupCode("OUT_OF_TERRITORY", "The customer is outside the partner's territory"),
            LookupCode("INCOMPLETE", "The registration lacks required information"),
        ),
    ),
)
