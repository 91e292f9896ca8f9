"""Urgent alerts reach the partner administrators by notification and
e-mail (PRG-8), once per alert, on the day the alert starts showing.

System code run by the scheduled task: each alert is claimed by one
conditional UPDATE of its `notified_at`, so two workers never send it twice
and a run that finds nothing new writes nothing.
"""

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.alerts.events import URGENT_ALERT_SENT
from openprm.alerts.models import Alert
from openprm.alerts.policies import running_q
from openprm.core.audit.models import BusinessEvent
from openprm.core.notifications.services import Message, notify_many
from openprm.identity.catalog import PARTNER_ADMINISTRATOR
from openprm.partners.models import PartnerContact, PartnerProfile

Target = Alert.Target


def audience_q(alert: Alert) -> Q:
    """The partner contacts of the partners an alert is aimed at."""
    if alert.target == Target.PROGRAMS:
        return Q(partner__partnership__program__in=alert.programs.values("pk"))
    if alert.target == Target.TIERS:
        return Q(partner__partnership__tier__in=alert.tiers.values("pk"))
    if alert.target == Target.PARTNERS:
        return Q(partner__in=alert.partners.values("pk"))
    return Q()


def administrators_of(alert: Alert) -> list[int]:
    """The active portal users who administer an active partner the alert
    is aimed at."""
    return list(
        PartnerContact.objects.filter(
            audience_q(alert),
            role__code=PARTNER_ADMINISTRATOR,
            user__is_active=True,
            partner__status=PartnerProfile.Status.ACTIVE,
        )
        .order_by("user_id")
        .values_list("user_id", flat=True)
        .distinct()
    )


def urgent_alerts_notify(now: dt.datetime | None = None) -> int:
    """Notify the partner administrators of each urgent alert running today
    and not announced yet; the number of alerts announced."""
    now = now or timezone.now()
    due = Alert.objects.filter(
        running_q(timezone.localdate(now)), priority=Alert.Priority.URGENT, notified_at__isnull=True
    )
    with transaction.atomic():
        ids = list(due.values_list("pk", flat=True))
        Alert.objects.filter(pk__in=ids, notified_at__isnull=True).update(notified_at=now)
        claimed = list(Alert.objects.filter(pk__in=ids, notified_at=now).order_by("pk"))
        recipients = {alert.pk: administrators_of(alert) for alert in claimed}
        BusinessEvent.objects.bulk_create(
            BusinessEvent(
                content_type=ContentType.objects.get_for_model(Alert),
                object_id=str(alert.pk),
                kind=URGENT_ALERT_SENT,
                data={"recipients": len(recipients[alert.pk])},
            )
            for alert in claimed
        )
    messages = [
        Message(
            user,
            _("Urgent: %(title)s") % {"title": alert.title},
            alert.body,
            reverse("portal:alert_detail", args=[alert.pk]),
        )
        for alert in claimed
        for user in recipients[alert.pk]
    ]
    notify_many(messages)
    return len(claimed)
