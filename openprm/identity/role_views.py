"""Role pages (PLAT-2): the roles with their privileges, and the privileges
of one role, version-checked (PLAT-6). Both need Manage Users and Roles."""

from typing import Any

from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy

from openprm.core.audit.selectors import audit_history, event_history
from openprm.core.views.editing import RecordForm
from openprm.core.views.generic import RecordList
from openprm.core.views.web import FormSave
from openprm.identity import selectors, services, tables
from openprm.identity.catalog import MANAGE_USERS
from openprm.identity.forms import RolePrivilegesForm
from openprm.identity.models import Role

HISTORY_LIMIT = 100


class RoleList(RecordList):
    model = Role
    privilege = MANAGE_USERS
    spec = tables.ROLES
    template_name = "identity/role_list.html"


class RoleEdit(RecordForm):
    """PLAT-6: a stale edit also shows the privileges the role holds now."""

    model = Role
    action = "change"
    form_class = RolePrivilegesForm
    template_name = "identity/role_edit.html"
    context_object_name = "role"
    success_message = gettext_lazy("Privileges of “%(name)s” saved.")

    def record(self, pk: int) -> Role:
        return selectors.role_get_for_edit(actor=self.actor, pk=pk)

    def form_kwargs(self, record: Role) -> dict[str, Any]:
        initial = {"privileges": list(record.privileges.all()), "version": record.version}
        return {"privileges": selectors.privilege_list(actor=self.actor), "initial": initial}

    def apply(self, form: Any, record: Role) -> Role:
        services.role_set_privileges(
            actor=self.actor,
            role=record,
            privileges=form.cleaned_data["privileges"],
            expected_version=form.cleaned_data["version"],
        )
        return record

    def success_url(self, saved: Role) -> str:
        return reverse("identity:role_list")

    def extra_context(self, form: Any, record: Role) -> dict[str, Any]:
        return {
            "history": audit_history(actor=self.actor, instance=record)[:HISTORY_LIMIT],
            "events": event_history(actor=self.actor, instance=record)[:HISTORY_LIMIT],
        }

    def answer(self, form: Any, record: Role, save: FormSave) -> HttpResponse:
        if save.stale is not None:
            held = selectors.privilege_list(actor=self.actor).filter(roles=record)
            save.stale[str(form.fields["privileges"].label)] = ", ".join(p.name for p in held)
        return super().answer(form, record, save)
