"""The codes of the teams app's refusals: part of the API contract, never
renamed."""

from enum import StrEnum


class TeamErrorCode(StrEnum):
    ALREADY_MEMBER = "already_member"
