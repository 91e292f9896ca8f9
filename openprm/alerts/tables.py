"""The alert lists (PRG-8), declared once: the channel team's list (page,
files and API) and the partner user's Alerts page in the portal."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.alerts import selectors
from openprm.alerts.filters import AlertFilter
from openprm.alerts.models import Alert
from openprm.core.actor import Actor
from openprm.core.tables import Column, ListSpec, Query


def _alerts(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Alert]:
    alerts = selectors.alert_list(actor=actor)
    return filters.filter(alerts) if filters is not None else alerts


def _portal_alerts(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Alert]:
    return selectors.portal_alerts(actor=actor)


def _portal_url(alert: Alert) -> str:
    return reverse("portal:alert_detail", args=[alert.pk])


ALERTS = ListSpec(
    name="alerts.alerts",
    select=_alerts,
    columns=(
        Column("id", _("ID"), lambda a: a.pk, shown=False),
        Column("title", _("Title"), sort="title", link=Alert.get_absolute_url),
        Column(
            "priority",
            _("Priority"),
            lambda a: a.get_priority_display(),
            sort="-urgency",
            cell="alerts/cells/priority.html",
        ),
        Column("target", _("Aimed at"), lambda a: a.get_target_display(), sort="target"),
        Column("starts_on", _("Shown from"), sort="starts_on"),
        Column("ends_on", _("Shown until"), lambda a: a.ends_on or _("No end set"), sort="ends_on"),
    ),
    filters=AlertFilter,
    default_sort="-starts_on",
    filename="alerts",
)

PORTAL_ALERTS = ListSpec(
    name="alerts.portal_alerts",
    select=_portal_alerts,
    columns=(
        Column("id", _("ID"), lambda a: a.pk, shown=False),
        Column("title", _("Title"), sort="title", link=_portal_url),
        Column("priority", _("Priority"), lambda a: a.get_priority_display(), sort="-urgency"),
        Column("starts_on", _("Shown from"), sort="starts_on"),
        Column("ends_on", _("Shown until"), lambda a: a.ends_on or "", sort="ends_on"),
    ),
    default_sort="priority",
    filename="alerts",
    row_key=lambda a: f"alert-{a.pk}",
)
