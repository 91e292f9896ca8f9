"""The one privilege check every service uses (PLAT-2).

Which privileges exist, and what they are called, each app declares in its
own catalog (core.catalog); identity stores which role grants which.
"""

from openprm.core.actor import Actor
from openprm.core.catalog import collected
from openprm.core.errors import MissingPrivilege


def has_privilege(actor: Actor, code: str) -> bool:
    return actor.has_privilege(code)


def missing_privilege(actor: Actor, code: str) -> MissingPrivilege | None:
    """The refusal naming the privilege when `actor` lacks it (a policy's
    check), else None."""
    if actor.has_privilege(code):
        return None
    return MissingPrivilege(code, str(collected().privilege_label(code)))


def require_privilege(actor: Actor, code: str) -> None:
    """Raise MissingPrivilege (HTTP 403) naming the privilege when absent."""
    error = missing_privilege(actor, code)
    if error is not None:
        raise error
