"""The notifications block of both home pages (core.home): what happened
that the user must know or act on, newest first."""

from typing import Any

from openprm.core.actor import Actor
from openprm.core.counting import TODO_CAP, capped_count
from openprm.core.notifications.selectors import notification_list

SHOWN = 5


def unread(*, actor: Actor) -> dict[str, Any]:
    rows = notification_list(actor=actor, unread_only=True)
    return {"first": list(rows[:SHOWN]), "count": capped_count(rows, TODO_CAP)}
