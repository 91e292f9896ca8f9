"""The codes of the deals app's refusals: part of the API contract."""

from enum import StrEnum


class DealErrorCode(StrEnum):
    ALREADY_REGISTERED = "already_registered"
    CONFLICT_UNRESOLVED = "conflict_unresolved"
    EXTENSION_LIMIT = "extension_limit"
    NOT_A_SALES_ACCOUNT = "not_a_sales_account"
    PARTNER_INACTIVE = "partner_inactive"
    REGISTRATION_STATE = "registration_state"
    SAME_APPROVER = "same_approver"
