"""The notifications block of both home pages (core.home): what happened
that the user must know or act on, newest first."""

from typing import Any

from openprm.core.actor import Actor
from openprm.core.counting import first_and_count
from openprm.core.notifications.selectors import notification_list

SHOWN = 5


def unread(*, actor: Actor) -> dict[str, Any]:
    first, count = first_and_count(notification_list(actor=actor, unread_only=True), SHOWN)
    return {"first": first, "count": count}
