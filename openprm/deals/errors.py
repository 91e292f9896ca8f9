"""The codes of the deals app's refusals: part of the API contract."""

from enum import StrEnum


class DealErrorCode(StrEnum):
    ALREADY_ON_TEAM = "already_on_team"
    ALREADY_REGISTERED = "already_registered"
    CONFLICT_UNRESOLVED = "conflict_unresolved"
    EXTENSION_LIMIT = "extension_limit"
    FULL_ACCESS_NEEDED = "full_access_needed"
    LAST_LINE = "last_line"
    LEAD_STATE = "lead_state"
    NOT_A_SALES_ACCOUNT = "not_a_sales_account"
    OFFER_EXPIRED = "offer_expired"
    OPPORTUNITY_CLOSED = "opportunity_closed"
    OPPORTUNITY_REGISTERED = "opportunity_registered"
    PARTNER_AT_CAPACITY = "partner_at_capacity"
    PARTNER_INACTIVE = "partner_inactive"
    REGISTRATION_STATE = "registration_state"
    SAME_APPROVER = "same_approver"


class LeadNotRoutedReason(StrEnum):
    """Why a lead of a batch was not routed (DEAL-4), the API's
    `LeadNotRoutedReason`: no lead the caller sees has the id, the lead is
    not new (or was offered meanwhile), or no partner can take it now."""

    NOT_FOUND = "not_found"
    LEAD_STATE = DealErrorCode.LEAD_STATE.value
    PARTNER_AT_CAPACITY = DealErrorCode.PARTNER_AT_CAPACITY.value
