"""The codes of identity's refusals: part of the API contract, never renamed."""

from enum import StrEnum


class IdentityErrorCode(StrEnum):
    CANNOT_DEACTIVATE_SELF = "cannot_deactivate_self"
