"""The codes of the recruitment app's refusals: part of the API contract."""

from enum import StrEnum


class RecruitmentErrorCode(StrEnum):
    APPLICATION_STATE = "application_state"
    DUPLICATE_CANDIDATES = "duplicate_candidates"
    HIDDEN_DUPLICATE = "hidden_duplicate"
    ALREADY_PARTNER = "already_partner"
    PROGRAM_CLOSED = "program_closed"
    RATE_LIMITED = "rate_limited"
    REQUEST_TOO_LARGE = "request_too_large"
