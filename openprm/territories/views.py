"""Territory pages (TER-1..TER-3): list with filters, sort, paging and
export; detail with criteria, members, nested territories and its accounts
(with their export); create and edit; batch realignment with a progress bar
polled by HTMX. Every decision is the services' or selectors'. The account's
Territories tab is in account_views.

Every internal user may read the territories (they pick them and see why an
account is theirs); creating and changing them need Manage Territories, the
rules of their policy that the services enforce and the pages' buttons ask.
"""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openprm.core.audit.selectors import audit_history
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.listing import page_number, read_page
from openprm.core.privileges import has_privilege
from openprm.core.views.editing import RecordForm
from openprm.core.views.generic import RecordDetail, RecordList, export_answer
from openprm.core.views.web import FormSave, html_errors, permitted, permitted_create
from openprm.territories import selectors, services, tables
from openprm.territories.catalog import MANAGE_TERRITORIES
from openprm.territories.forms import CriterionForm, MemberForm, TerritoryForm
from openprm.territories.models import Territory
from openprm.territories.tables import territory_url

ACCOUNTS_PER_PAGE = 25


class TerritoryList(RecordList):
    model = Territory
    spec = tables.TERRITORIES
    template_name = "territories/territory_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {
            "types": Territory.Type.choices,
            "can_create": permitted_create(self.actor, Territory),
        }


class TerritoryCreate(RecordForm):
    model = Territory
    action = "create"
    form_class = TerritoryForm
    template_name = "territories/territory_form.html"
    title = gettext_lazy("New territory")
    success_message = gettext_lazy("Territory “%(name)s” created.")
    refusals_to_page = True

    def form_kwargs(self, record: Territory | None) -> dict[str, Any]:
        return {
            "initial": {"active": True},
            "parents": selectors.parent_choices(actor=self.actor, exclude=record),
            "partners": selectors.partner_choices(actor=self.actor),
        }

    def apply(self, form: Any, record: Any) -> Territory:
        return services.territory_create(actor=self.actor, data=form.service_values())

    def success_url(self, saved: Territory) -> str:
        return territory_url(saved)


class TerritoryEdit(TerritoryCreate):
    """PLAT-6: the edit carries its version; a stale one shows the stored
    values."""

    action = "change"
    context_object_name = "territory"
    title = gettext_lazy("Edit territory")
    success_message = gettext_lazy("Territory saved.")

    def record(self, pk: int) -> Territory:
        return selectors.territory_get_for_edit(actor=self.actor, pk=pk)

    def form_kwargs(self, record: Territory) -> dict[str, Any]:
        initial = {
            "name": record.name,
            "territory_type": record.territory_type,
            "parent_id": record.parent_id,
            "partner_id": record.partner_id,
            "description": record.description,
            "active": record.active,
            "version": record.version,
        }
        return {**super().form_kwargs(record), "initial": initial, "editing": True}

    def apply(self, form: Any, record: Territory) -> Territory:
        services.territory_update(
            actor=self.actor,
            territory=record,
            changes=form.service_values(),
            expected_version=form.cleaned_data["version"],
        )
        return record


class TerritoryDetail(RecordDetail):
    """TER-2: criteria, members, nested territories and the accounts holding
    the territory that the actor may see (TEAM-5), paged; `?export=` gives
    those accounts as a file."""

    model = Territory
    template_name = "territories/territory_detail.html"
    context_object_name = "territory"

    def record(self, pk: int) -> Territory:
        return selectors.territory_get(actor=self.actor, pk=pk)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        territory = self.record(pk)
        if request.GET.get("export"):
            scope = {"territory_id": territory.pk}
            rows = tables.TERRITORY_ACCOUNTS.rows(actor=self.actor, query=request.GET, **scope)
            export = export_answer(request, tables.TERRITORY_ACCOUNTS, rows, scope)
            if export is not None:
                return export
        return self.render_record(territory, "details")

    def tab_context(self, record: Territory, tab: str) -> dict[str, Any]:
        actor = self.actor
        accounts = tables.TERRITORY_ACCOUNTS.rows(
            actor=actor, query=self.request.GET, territory_id=record.pk
        )
        resources = selectors.member_resource_choices(actor=actor, territory=record)
        return {
            "criteria": selectors.criterion_list(actor=actor, territory=record),
            "members": selectors.member_list(actor=actor, territory=record),
            "children": selectors.territory_children(actor=actor, territory=record),
            "account_columns": tables.TERRITORY_ACCOUNTS.shown_columns,
            "page_obj": read_page(
                accounts, page_number(self.request.GET.get("page")), ACCOUNTS_PER_PAGE
            ),
            "history": audit_history(actor=actor, instance=record),
            "can_manage": permitted(actor, record, "change")["change"],
            "criterion_form": CriterionForm(),
            "member_form": MemberForm(resources=resources),
        }


class CriterionAdd(TerritoryDetail):
    """TER-2: one accepted value of a dimension; field errors next to the
    fields, on the territory's page."""

    http_method_names = ["post"]  # type: ignore[misc]
    action = "change"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        territory = self.record(pk)
        form = CriterionForm(request.POST)
        if form.is_valid():
            with FormSave(form, catch=(ValidationFailed,)) as save:
                services.criterion_add(actor=self.actor, territory=territory, **form.cleaned_data)
            if save.ok:
                messages.success(request, _("Criterion added."))
                return redirect(territory_url(territory))
        return self.render_record(territory, "details", criterion_form=form)


class MemberAdd(TerritoryDetail):
    """TER-1: the service refuses a resource of the wrong kind or partner."""

    http_method_names = ["post"]  # type: ignore[misc]
    action = "change"

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        territory = self.record(pk)
        resources = selectors.member_resource_choices(actor=self.actor, territory=territory)
        form = MemberForm(request.POST, resources=resources)
        if form.is_valid():
            with FormSave(form, catch=(ValidationFailed, Conflict)) as save:
                services.territory_member_add(
                    actor=self.actor,
                    territory=territory,
                    resource_id=form.cleaned_data["resource_id"],
                )
            if save.ok:
                messages.success(request, _("Member added."))
                return redirect(territory_url(territory))
        return self.render_record(territory, "details", member_form=form)


@require_POST
@html_errors
def territory_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """A territory with nested territories is kept, and its page says why."""
    territory = selectors.territory_get(actor=request.actor, pk=pk)
    try:
        services.territory_delete(actor=request.actor, territory=territory)
    except Conflict as error:
        messages.error(request, error.message)
        return redirect(territory_url(territory))
    messages.success(request, _("Territory “%s” deleted.") % territory.name)
    return redirect("territories:territory_list")


@require_POST
@html_errors
def criterion_remove(request: HttpRequest, pk: int, criterion_id: int) -> HttpResponse:
    criterion = selectors.criterion_get(actor=request.actor, territory_id=pk, pk=criterion_id)
    services.criterion_remove(actor=request.actor, criterion=criterion)
    messages.success(request, _("Criterion removed."))
    return redirect("territories:territory_detail", pk=pk)


@require_POST
@html_errors
def member_remove(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    member = selectors.member_get(actor=request.actor, territory_id=pk, pk=member_id)
    services.territory_member_remove(actor=request.actor, member=member)
    messages.success(request, _("Member removed."))
    return redirect("territories:territory_detail", pk=pk)


@html_errors
def realignment(request: HttpRequest) -> HttpResponse:
    """TER-3 batch realignment: start it (Manage Territories) and watch it."""
    if request.method == "POST":
        run = services.realignment_start(actor=request.actor)
        messages.success(request, _("Realignment started."))
        return redirect("territories:realignment_detail", pk=run.pk)
    latest = selectors.realignment_latest(actor=request.actor)
    return render(
        request,
        "territories/realignment.html",
        {"run": latest, "can_manage": has_privilege(request.actor, MANAGE_TERRITORIES)},
    )


@html_errors
def realignment_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The progress bar; HTMX polls the partial until the run ends."""
    run = selectors.realignment_get(actor=request.actor, pk=pk)
    template = (
        "territories/_realignment_progress.html"
        if request.htmx  # type: ignore[attr-defined]
        else "territories/realignment.html"
    )
    context = {"run": run, "can_manage": has_privilege(request.actor, MANAGE_TERRITORIES)}
    return render(request, template, context)
