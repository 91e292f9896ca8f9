"""Resource pages (TEAM-4): the people who work on accounts and territories,
and who manages whom. Both need Manage Users and Roles."""

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy

from openprm.core.audit.selectors import audit_history
from openprm.core.views.editing import RecordForm
from openprm.core.views.generic import RecordList
from openprm.identity import selectors, services, tables
from openprm.identity.catalog import MANAGE_USERS
from openprm.identity.forms import ResourceManagerForm
from openprm.identity.models import Resource

HISTORY_LIMIT = 100


class ResourceList(RecordList):
    model = Resource
    privilege = MANAGE_USERS
    spec = tables.RESOURCES
    template_name = "identity/resource_list.html"


class ResourceManager(RecordForm):
    """TEAM-4 rests on this hierarchy; a cycle is refused next to the field."""

    model = Resource
    action = "change"
    form_class = ResourceManagerForm
    template_name = "identity/resource_manager.html"
    context_object_name = "resource"
    success_message = gettext_lazy("Manager of “%(name)s” saved.")

    def record(self, pk: int) -> Resource:
        return selectors.resource_get_for_edit(actor=self.actor, pk=pk)

    def form_kwargs(self, record: Resource) -> dict[str, Any]:
        candidates = selectors.resource_list(actor=self.actor).exclude(pk=record.pk)
        initial = {"manager": record.manager_id, "version": record.version}
        return {"resources": candidates, "initial": initial}

    def apply(self, form: Any, record: Resource) -> Resource:
        services.resource_set_manager(
            actor=self.actor,
            resource=record,
            manager=form.cleaned_data["manager"],
            expected_version=form.cleaned_data["version"],
        )
        return record

    def success_url(self, saved: Resource) -> str:
        return reverse("identity:resource_list")

    def extra_context(self, form: Any, record: Resource) -> dict[str, Any]:
        return {"history": audit_history(actor=self.actor, instance=record)[:HISTORY_LIMIT]}
