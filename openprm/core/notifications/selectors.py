"""Reading one's notifications; nobody reads another user's."""

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.notifications.models import Notification


@access.register(Notification)
def _own(rows: QuerySet[Notification], actor: Actor) -> QuerySet[Notification]:
    return rows.filter(recipient_id=actor.pk)


def notification_list(*, actor: Actor, unread_only: bool = False) -> QuerySet[Notification]:
    rows = access.visible(Notification, actor)
    return rows.filter(read_at__isnull=True) if unread_only else rows
