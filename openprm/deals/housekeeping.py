"""The registration clock (DEAL-2, DEAL-6): protection expires by itself,
partners are reminded 14, 7 and 1 days before, and approvals waiting longer
than the service level are escalated to the channel manager's manager.

Each step is one set-based pass that can run again without doing anything
twice: an expired registration is no longer approved, a reminder records the
days it was sent for, an escalation its time.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Sequence

from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.db.models import F, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from openprm.core.audit.models import BusinessEvent
from openprm.core.notifications.services import Message, notify_many
from openprm.core.options.selectors import profile_option_value
from openprm.deals import catalog
from openprm.deals.events import RegistrationExpired
from openprm.deals.models import DealRegistration
from openprm.identity.models import Resource

State = DealRegistration.State
REMINDER_DAYS = (1, 7, 14)
CHUNK = 5_000
DIGEST_LISTED = 20


def _chunks(ids: Sequence[int]) -> Iterable[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _digest(rows: Iterable[tuple[int, str]], title: str, link: str) -> list[Message]:
    """One message per recipient listing its registrations, not one per
    registration: a partner with forty expiring deals gets one e-mail."""
    numbers: dict[int, list[str]] = defaultdict(list)
    for recipient, number in rows:
        numbers[recipient].append(number)
    return [
        Message(recipient, title, _listing(sorted(found)), link)
        for recipient, found in numbers.items()
    ]


def _listing(numbers: list[str]) -> str:
    shown = ", ".join(numbers[:DIGEST_LISTED])
    more = len(numbers) - DIGEST_LISTED
    return shown if more <= 0 else _("%(shown)s and %(more)s more") % {"shown": shown, "more": more}


def registrations_expire(today: dt.date | None = None) -> int:
    """Approved registrations whose protection ended before `today` expire:
    one UPDATE, their timeline events in one INSERT, one digest per owner."""
    today = today or timezone.localdate()
    now = timezone.now()
    with transaction.atomic():
        count = DealRegistration.objects.filter(
            state=State.APPROVED, protection_ends__lt=today
        ).update(state=State.EXPIRED, version=F("version") + 1, updated_at=now)
        if not count:
            return 0
        expired = DealRegistration.objects.filter(
            state=State.EXPIRED, protection_ends__lt=today, updated_at=now
        )
        _events_for(expired, RegistrationExpired.code, now)
        rows = list(expired.values_list("owner_id", "number"))
    notify_many(
        _digest(
            rows,
            _("Deal registrations expired"),
            reverse("portal:registration_list") + "?state=expired",
        )
    )
    return count


def _events_for(rows: QuerySet[DealRegistration], kind: str, at: dt.datetime) -> None:
    """One timeline event per row, written by the database in one statement."""
    ids_sql, ids_params = rows.order_by().values("pk").query.sql_with_params()
    events = connection.ops.quote_name(BusinessEvent._meta.db_table)
    content_type = ContentType.objects.get_for_model(DealRegistration).pk
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {events} (content_type_id, object_id, kind, actor_id, at, data) "  # noqa: S608
            f"SELECT %s, CAST(ids.pk AS VARCHAR(64)), %s, NULL, %s, '{{}}' FROM ({ids_sql}) ids",
            [content_type, kind, at, *ids_params],
        )


def registrations_remind(today: dt.date | None = None) -> int:
    """Remind each owner once per threshold (14, 7, 1 days before the end);
    a registration found late gets only the nearest reminder."""
    today = today or timezone.localdate()
    messages: list[tuple[int, str, int]] = []
    with transaction.atomic():
        for days in REMINDER_DAYS:
            due = DealRegistration.objects.filter(
                Q(reminded_days__isnull=True) | Q(reminded_days__gt=days),
                state=State.APPROVED,
                protection_ends__gte=today,
                protection_ends__lte=today + dt.timedelta(days=days),
            )
            rows = list(due.values_list("pk", "owner_id", "number"))
            for chunk in _chunks([pk for pk, _owner, _number in rows]):
                DealRegistration.objects.filter(pk__in=chunk).update(reminded_days=days)
            messages += [(owner, number, days) for _pk, owner, number in rows]
    found = []
    for days in REMINDER_DAYS:
        title = ngettext(
            "Deal protection ends within %(days)s day",
            "Deal protection ends within %(days)s days",
            days,
        ) % {"days": days}
        found += _digest(
            [(owner, number) for owner, number, d in messages if d == days],
            title,
            reverse("portal:registration_list") + "?expiring=true",
        )
    notify_many(found)
    return len(messages)


def business_days_before(moment: dt.datetime, days: int) -> dt.datetime:
    """`moment` moved back by `days` working days (Saturdays and Sundays skipped)."""
    found = moment
    left = days
    while left > 0:
        found -= dt.timedelta(days=1)
        if found.weekday() < 5:
            left -= 1
    return found


def overdue_cutoff(now: dt.datetime | None = None) -> dt.datetime:
    """Registrations submitted before this are overdue (the service level)."""
    try:
        days = int(profile_option_value(catalog.APPROVAL_SERVICE_DAYS))
    except ValueError:
        days = 2
    return business_days_before(now or timezone.now(), days)


def registrations_escalate(now: dt.datetime | None = None) -> int:
    """Tell each overdue registration's channel manager and its manager, once."""
    now = now or timezone.now()
    due = DealRegistration.objects.filter(
        state=State.SUBMITTED, submitted_at__lt=overdue_cutoff(now), escalated_at__isnull=True
    )
    with transaction.atomic():
        rows = list(due.values_list("pk", "channel_manager_id", "number"))
        for chunk in _chunks([pk for pk, _cm, _number in rows]):
            DealRegistration.objects.filter(pk__in=chunk).update(escalated_at=now)
    managers = dict(
        Resource.objects.filter(user_id__in={cm for _pk, cm, _n in rows if cm})
        .exclude(manager__user__isnull=True)
        .values_list("user_id", "manager__user_id")
    )
    recipients = [(cm, number) for _pk, cm, number in rows if cm] + [
        (managers[cm], number) for _pk, cm, number in rows if cm in managers
    ]
    notify_many(
        _digest(
            recipients,
            _("Deal registrations wait longer than the approval service level"),
            reverse("deals:registration_list") + "?overdue=true",
        )
    )
    return len(rows)
