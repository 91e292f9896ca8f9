"""Typed domain errors with stable codes.

Services raise these; the API renders them as RFC 9457 problem JSON and the
HTML views as messages next to the fields or on the page. The `code` is part
of the public contract: clients switch on it, so it never changes meaning.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _


class DomainError(Exception):
    """A refused business action, with a human message and a stable code."""

    status: int = 400
    code: str = "invalid_request"
    title: Any = _("The request was refused")

    def __init__(
        self,
        message: Any = None,
        *,
        code: str | None = None,
        field_errors: Mapping[str, Sequence[Any]] | None = None,
        extra: Mapping[str, Any] | None = None,
    ) -> None:
        self.message = str(message if message is not None else self.title)
        if code:
            self.code = code
        self.field_errors = {k: [str(m) for m in v] for k, v in (field_errors or {}).items()}
        self.extra = dict(extra or {})
        super().__init__(self.message)


class ValidationFailed(DomainError):
    status = 422
    code = "validation_failed"
    title = _("Some values are not valid")


class PermissionRefused(DomainError):
    status = 403
    code = "permission_denied"
    title = _("You do not have permission to do this")


class MissingPrivilege(PermissionRefused):
    """PLAT-2: the message names the privilege the actor lacks."""

    code = "missing_privilege"

    def __init__(self, privilege_code: str, privilege_name: str) -> None:
        super().__init__(
            _("This action needs the privilege “%(name)s”.") % {"name": privilege_name},
            extra={"privilege": privilege_code},
        )


class NotFound(DomainError):
    """Also what an invisible record answers: the two are indistinguishable."""

    status = 404
    code = "not_found"
    title = _("Not found")


class Conflict(DomainError):
    status = 409
    code = "conflict"
    title = _("The request conflicts with the current state")


class StaleVersion(Conflict):
    """PLAT-6: an update based on an old version; carries the newer values
    and the stored `record`, which the API shows in the operation's own
    output shape (`apikit.conflicts`)."""

    code = "stale_version"
    title = _("This record was changed by someone else")

    def __init__(self, current: Mapping[str, Any], record: Any = None) -> None:
        self.record = record
        super().__init__(
            _("This record was changed by someone else. Review the newer values and try again."),
            extra={"current": dict(current)},
        )
