"""The partner user's alert pages in the portal (PRG-8): the Alerts page
listing the running ones, an alert's page, and Dismiss. The portal app
mounts them under /portal/ (alerts.urls.portal_urlpatterns)."""

from typing import Any

from django import forms
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from openprm.alerts import selectors, services, tables
from openprm.alerts.models import Alert
from openprm.core.views.editing import RecordAction
from openprm.core.views.generic import RecordDetail, RecordList
from openprm.core.views.pages import portal_only

BACK = {"home": "home", "alerts": "portal:alert_list"}


class DismissForm(forms.Form):
    back = forms.ChoiceField(choices=[(k, k) for k in BACK], required=False)


@method_decorator(portal_only, name="dispatch")
class PortalAlertList(RecordList):
    model = Alert
    spec = tables.PORTAL_ALERTS
    template_name = "alerts/portal/alert_list.html"


@method_decorator(portal_only, name="dispatch")
class PortalAlertDetail(RecordDetail):
    model = Alert
    template_name = "alerts/portal/alert_detail.html"
    actions = ("dismiss",)

    def record(self, pk: int) -> Alert:
        return selectors.portal_alert_get(actor=self.actor, pk=pk)


@method_decorator(portal_only, name="dispatch")
class PortalAlertDismiss(RecordAction):
    """The alert leaves the user's home; the page it came from shows again."""

    model = Alert
    action = "dismiss"
    form_class = DismissForm
    success_message = _("“%(name)s” is dismissed. It stays listed under Alerts.")

    def record(self, pk: int) -> Alert:
        return selectors.alert_get(actor=self.actor, pk=pk)

    def perform(self, record: Alert, form: Any) -> None:
        services.alert_dismiss(actor=self.actor, alert=record)

    def success_url(self, record: Alert) -> str:
        back = self.request.POST.get("back", "")
        return reverse(BACK.get(back, "home"))
