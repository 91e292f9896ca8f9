"""Access levels on an account (TEAM-1, TEAM-2): View Only, Edit, Full.

They live with accounts, below every app that grants them (teams by
membership, territories by assignment), so those apps compare levels
without importing each other. The default level a new team member or a
territory member gets is the profile option ZCA_DEFAULT_TEAM_ACCESS_LEVEL.
"""

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext_lazy as _

from openprm.core.options.selectors import profile_option_value
from openprm.customers.catalog import DEFAULT_TEAM_ACCESS_LEVEL


class AccessLevel(models.TextChoices):
    """Ordered from least to most: compare with `at_least` and `highest`."""

    VIEW = "view", _("View Only")
    EDIT = "edit", _("Edit")
    FULL = "full", _("Full")


LEVEL_RANK = {AccessLevel.VIEW: 1, AccessLevel.EDIT: 2, AccessLevel.FULL: 3}
EDITING_LEVELS = (AccessLevel.EDIT, AccessLevel.FULL)
_BY_LABEL = {"View Only": AccessLevel.VIEW, "Edit": AccessLevel.EDIT, "Full": AccessLevel.FULL}


def default_access_level() -> str:
    """The level a new team member gets (TEAM-1); Edit if the option is unreadable."""
    return str(_BY_LABEL.get(profile_option_value(DEFAULT_TEAM_ACCESS_LEVEL), AccessLevel.EDIT))


def highest(levels: Iterable[str]) -> str | None:
    return max(levels, key=lambda level: LEVEL_RANK[AccessLevel(level)], default=None)


def at_least(level: str | None, minimum: str) -> bool:
    return level is not None and LEVEL_RANK[AccessLevel(level)] >= LEVEL_RANK[AccessLevel(minimum)]
