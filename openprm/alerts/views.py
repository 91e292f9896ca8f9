"""The channel team's alert pages (PRG-8): the list, an alert's page, and
the form that writes one. Manage Partner Programs."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from openprm.alerts import selectors, services, tables
from openprm.alerts.forms import AlertForm
from openprm.alerts.models import Alert
from openprm.core.views.editing import RecordForm
from openprm.core.views.generic import RecordDetail, RecordList
from openprm.core.views.web import permitted_create
from openprm.programs.catalog import MANAGE_PARTNER_PROGRAMS


class AlertList(RecordList):
    model = Alert
    spec = tables.ALERTS
    privilege = MANAGE_PARTNER_PROGRAMS
    template_name = "alerts/alert_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {
            "can_create": permitted_create(self.actor, Alert),
            "priorities": Alert.Priority.choices,
            "targets": Alert.Target.choices,
        }


class AlertDetail(RecordDetail):
    model = Alert
    template_name = "alerts/alert_detail.html"
    actions = ("change",)

    def record(self, pk: int) -> Alert:
        return selectors.alert_get(actor=self.actor, pk=pk)

    def tab_context(self, record: Alert, tab: str) -> dict[str, Any]:
        return {"audience": selectors.audience_of(actor=self.actor, alert=record)}


class AlertCreate(RecordForm):
    model = Alert
    action = "create"
    form_class = AlertForm
    template_name = "alerts/alert_form.html"
    title = _("New alert")
    success_message = _("%(name)s is saved: partners see it from its first day.")

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        return {"actor": self.actor}

    def apply(self, form: AlertForm, record: Any) -> Alert:
        return services.alert_create(actor=self.actor, data=form.values(), **form.audience())


class AlertEdit(RecordForm):
    model = Alert
    action = "change"
    form_class = AlertForm
    template_name = "alerts/alert_form.html"
    title = _("Edit alert")
    success_message = _("%(name)s is saved.")
    refusals_to_page = True

    def record(self, pk: int) -> Alert:
        alert = selectors.alert_get(actor=self.actor, pk=pk)
        services.require_change(actor=self.actor, alert=alert)
        return alert

    def form_kwargs(self, record: Alert) -> dict[str, Any]:
        audience = selectors.audience_of(actor=self.actor, alert=record)
        initial = {name: getattr(record, name) for name in services.FIELDS}
        initial.update(audience, version=record.version)
        return {"actor": self.actor, "initial": initial}

    def apply(self, form: AlertForm, record: Alert) -> Alert:
        return services.alert_update(
            actor=self.actor,
            alert=record,
            changes=form.values(),
            expected_version=form.cleaned_data["version"],
            **form.audience(),
        )
