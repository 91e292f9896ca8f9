"""TEAM-1 default level: the profile option ZCA_DEFAULT_TEAM_ACCESS_LEVEL."""

from openprm.core.options.catalog import DEFAULT_TEAM_ACCESS_LEVEL
from openprm.core.options.selectors import profile_option_value
from openprm.teams.models import LEVEL_RANK, AccessLevel

_BY_LABEL = {"View Only": AccessLevel.VIEW, "Edit": AccessLevel.EDIT, "Full": AccessLevel.FULL}


def default_access_level() -> str:
    """The level a new team member gets (TEAM-1); Edit if the option is unreadable."""
    return str(_BY_LABEL.get(profile_option_value(DEFAULT_TEAM_ACCESS_LEVEL), AccessLevel.EDIT))


def highest(levels: list[str]) -> str | None:
    return max(levels, key=lambda level: LEVEL_RANK[AccessLevel(level)]) if levels else None


def at_least(level: str | None, minimum: str) -> bool:
    return level is not None and LEVEL_RANK[AccessLevel(level)] >= LEVEL_RANK[AccessLevel(minimum)]
