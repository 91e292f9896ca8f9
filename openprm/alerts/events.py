"""Business events of portal alerts (PRG-8), on the alert's timeline."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from openprm.core.events import Event


@dataclass(frozen=True, kw_only=True)
class AlertCreated(Event):
    code = "alert_created"
    label = _("Alert created")
    target: str


@dataclass(frozen=True, kw_only=True)
class AlertTargetChanged(Event):
    code = "alert_target_changed"
    label = _("Alert aimed at other partners")
    target: str


URGENT_ALERT_SENT = "urgent_alert_sent"
"""The timeline code of the notification of an urgent alert, written by the
scheduled task (no actor)."""
