"""Telling users what happened and what waits for them: a notification on
their home page and the same message by e-mail (DESIGN.md: e-mail and portal
notifications where someone must act).

Batch work (expiries, reminders) calls `notify_many` once with every message:
the rows are written in one statement and the e-mails go over one connection.
"""

from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.utils import timezone

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.notifications.models import Notification


@dataclass(frozen=True)
class Message:
    recipient_id: int
    title: str
    body: str = ""
    link: str = ""


def notify_many(messages: Iterable[Message]) -> int:
    """Store and e-mail each message; recipients without an e-mail address
    or deactivated get the notification only. The number stored."""
    found = list(messages)
    if not found:
        return 0
    Notification.objects.bulk_create(
        Notification(recipient_id=m.recipient_id, title=m.title, body=m.body, link=m.link)
        for m in found
    )
    addresses = dict(
        get_user_model()
        .objects.filter(pk__in={m.recipient_id for m in found}, is_active=True)
        .exclude(email="")
        .values_list("pk", "email")
    )
    mails = [
        EmailMessage(
            m.title, _mail_body(m), settings.DEFAULT_FROM_EMAIL, [addresses[m.recipient_id]]
        )
        for m in found
        if m.recipient_id in addresses
    ]
    if mails:
        with get_connection() as connection:
            connection.send_messages(mails)
    return len(found)


def notify(recipient_id: int | None, title: str, body: str = "", link: str = "") -> None:
    if recipient_id is not None:
        notify_many([Message(recipient_id, title, body, link)])


def _mail_body(message: Message) -> str:
    site = getattr(settings, "OPENPRM_SITE_URL", "")
    lines = [message.body] if message.body else []
    if message.link:
        lines.append(f"{site}{message.link}")
    return "\n\n".join(lines)


def notification_mark_read(*, actor: Actor, pk: int) -> Notification:
    """Only one's own notifications can be marked read (others are 404)."""
    notification = access.get_visible(Notification, actor, pk)
    Notification.objects.filter(pk=notification.pk, read_at__isnull=True).update(
        read_at=timezone.now()
    )
    return notification
