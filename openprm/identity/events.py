"""Business events on users and roles (PLAT-1, PLAT-2), for their timelines
and for subscribers (core.events)."""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from openprm.core.events import Event


@dataclass(frozen=True, kw_only=True)
class RolesChanged(Event):
    """A user's roles changed; `before` is None when the caller did not read
    them (a partner contact's role set by the partners app)."""

    code = "roles_changed"
    label = _("Roles changed")
    before: tuple[str, ...] | None = None
    after: tuple[str, ...]

    def data(self) -> dict[str, Any]:
        """The timeline's keys since PLAT-2 (`from`, `to`: Python keywords)."""
        return (
            {"to": self.after} if self.before is None else {"from": self.before, "to": self.after}
        )


@dataclass(frozen=True, kw_only=True)
class PrivilegesChanged(Event):
    code = "privileges_changed"
    label = _("Privileges changed")
    before: tuple[str, ...]
    after: tuple[str, ...]

    def data(self) -> dict[str, Any]:
        return {"from": self.before, "to": self.after}


@dataclass(frozen=True, kw_only=True)
class PasswordChanged(Event):
    code = "password_changed"
    label = _("Password changed")


@dataclass(frozen=True, kw_only=True)
class TokenCreated(Event):
    code = "token_created"
    label = _("Access token created")
    name: str
    prefix: str


@dataclass(frozen=True, kw_only=True)
class TokenRevoked(Event):
    code = "token_revoked"
    label = _("Access token revoked")
    prefix: str


@dataclass(frozen=True, kw_only=True)
class TokensRevoked(Event):
    """Every token of a user revoked at once (the user was deactivated)."""

    code = "tokens_revoked"
    label = _("All access tokens revoked")
    prefixes: tuple[str, ...]
