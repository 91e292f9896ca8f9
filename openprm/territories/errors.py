"""The codes of the territories app's refusals: part of the API contract,
never renamed."""

from enum import StrEnum


class TerritoryErrorCode(StrEnum):
    ALREADY_MEMBER = "already_member"
    HAS_CHILDREN = "has_children"
