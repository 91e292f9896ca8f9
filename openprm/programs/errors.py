"""The codes of the programs app's refusals: part of the API contract."""

from enum import StrEnum


class ProgramErrorCode(StrEnum):
    PARTNERSHIP_EXISTS = "partnership_exists"
    REVIEW_CLOSED = "review_closed"
    TIER_HELD = "tier_held"
