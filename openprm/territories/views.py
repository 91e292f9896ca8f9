"""Territory pages (TER-1..TER-4): list with filters, sort, paging and
export; detail with criteria, members, nested territories and accounts;
create and edit; the account's Territories tab; batch realignment with a
progress bar polled by HTMX. Every decision is the services' or selectors'.

Every internal user may read the territories (they pick them and see why an
account is theirs); changes need Manage Territories, enforced by the services.
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
from openprm.core.exporters.tabular import Column
from openprm.core.listing import list_context, page_number, read_page
from openprm.core.privileges import has_privilege
from openprm.core.views.web import FormSave, export_requested, filters_from, html_errors
from openprm.customers.levels import AccessLevel, at_least
from openprm.customers.reach import account_access_level
from openprm.customers.selectors import account_get
from openprm.partners.catalog import MANAGE_PARTNERS
from openprm.territories import selectors, services
from openprm.territories.catalog import MANAGE_TERRITORIES
from openprm.territories.filters import TerritoryFilter
from openprm.territories.forms import (
    CriterionForm,
    MemberForm,
    PartnerTerritoriesForm,
    TerritoryForm,
)
from openprm.territories.models import Territory

ACCOUNTS_PER_PAGE = 25


def export_columns() -> list[Column]:
    return [
        (_("ID"), lambda t: t.pk),
        (_("Name"), lambda t: t.name),
        (_("Type"), lambda t: t.get_territory_type_display()),
        (_("Parent"), lambda t: t.parent.name if t.parent else ""),
        (_("Partner"), lambda t: t.partner.name if t.partner else ""),
        (_("Active"), lambda t: t.active),
    ]


ACCOUNT_COLUMNS: list[Column] = [
    (gettext_lazy("Account ID"), lambda a: a.account_id),
    (gettext_lazy("Account"), lambda a: a.account.name),
    (gettext_lazy("Source"), lambda a: a.get_source_display()),
]


@html_errors
def territory_list(request: HttpRequest) -> HttpResponse:
    filters, valid = filters_from(request, TerritoryFilter)
    territories = selectors.territory_list(actor=request.actor, filters=filters)
    context = list_context(
        request, territories, sortable=selectors.TERRITORY_SORTS, default_sort="name"
    )
    export = export_requested(request, context["ordered"], export_columns(), "territories")
    if export is not None:
        return export
    context.update(
        {
            "filters": filters,
            "filters_valid": valid,
            "types": Territory.Type.choices,
            "can_manage": has_privilege(request.actor, MANAGE_TERRITORIES),
        }
    )
    return render(request, "territories/territory_list.html", context)


def _territory_form(request: HttpRequest, territory: Territory | None = None) -> TerritoryForm:
    initial: dict[str, Any] = {"active": True}
    if territory is not None:
        initial = {
            "name": territory.name,
            "territory_type": territory.territory_type,
            "parent_id": territory.parent_id,
            "partner_id": territory.partner_id,
            "description": territory.description,
            "active": territory.active,
            "version": territory.version,
        }
    form = TerritoryForm(
        request.POST if request.method == "POST" else None,
        initial=initial,
        parents=selectors.parent_choices(actor=request.actor, exclude=territory),
        partners=selectors.partner_choices(actor=request.actor),
    )
    form.fields["version"].required = territory is not None  # PLAT-6: an edit carries it
    return form


@html_errors
def territory_create(request: HttpRequest) -> HttpResponse:
    form = _territory_form(request)
    if request.method == "POST" and form.is_valid():
        with FormSave(form, catch=(ValidationFailed,)) as save:
            territory = services.territory_create(actor=request.actor, data=form.service_values())
        if save.ok:
            messages.success(request, _("Territory “%s” created.") % territory.name)
            return redirect("territories:territory_detail", pk=territory.pk)
    return render(
        request, "territories/territory_form.html", {"form": form, "title": _("New territory")}
    )


@html_errors
def territory_edit(request: HttpRequest, pk: int) -> HttpResponse:
    territory = selectors.territory_get(actor=request.actor, pk=pk)
    form = _territory_form(request, territory)
    save = FormSave(form, catch=(ValidationFailed, Conflict), stale=True)
    if request.method == "POST" and form.is_valid():
        with save:
            services.territory_update(
                actor=request.actor,
                territory=territory,
                changes=form.service_values(),
                expected_version=form.cleaned_data["version"],
            )
        if save.ok:
            messages.success(request, _("Territory saved."))
            return redirect("territories:territory_detail", pk=territory.pk)
    return render(
        request,
        "territories/territory_form.html",
        {"form": form, "territory": territory, "stale": save.stale, "title": _("Edit territory")},
    )


def _detail(
    request: HttpRequest,
    territory: Territory,
    *,
    criterion_form: CriterionForm | None = None,
    member_form: MemberForm | None = None,
) -> HttpResponse:
    actor = request.actor
    can_manage = has_privilege(actor, MANAGE_TERRITORIES)
    accounts = read_page(
        selectors.territory_accounts(actor=actor, territory=territory),
        page_number(request.GET.get("page")),
        ACCOUNTS_PER_PAGE,
    )
    resources = selectors.member_resource_choices(actor=actor, territory=territory)
    context = {
        "territory": territory,
        "criteria": selectors.criterion_list(actor=actor, territory=territory),
        "members": selectors.member_list(actor=actor, territory=territory),
        "children": selectors.territory_children(actor=actor, territory=territory),
        "page_obj": accounts,
        "history": audit_history(actor=actor, instance=territory),
        "can_manage": can_manage,
        "criterion_form": criterion_form or CriterionForm(),
        "member_form": member_form or MemberForm(resources=resources),
    }
    return render(request, "territories/territory_detail.html", context)


@html_errors
def territory_detail(request: HttpRequest, pk: int) -> HttpResponse:
    territory = selectors.territory_get(actor=request.actor, pk=pk)
    export = export_requested(
        request,
        selectors.territory_accounts(actor=request.actor, territory=territory),
        ACCOUNT_COLUMNS,
        f"territory-{territory.pk}-accounts",
    )
    if export is not None:
        return export
    return _detail(request, territory)


@require_POST
@html_errors
def territory_delete(request: HttpRequest, pk: int) -> HttpResponse:
    territory = selectors.territory_get(actor=request.actor, pk=pk)
    try:
        services.territory_delete(actor=request.actor, territory=territory)
    except Conflict as error:
        messages.error(request, error.message)
        return redirect("territories:territory_detail", pk=territory.pk)
    messages.success(request, _("Territory “%s” deleted.") % territory.name)
    return redirect("territories:territory_list")


@require_POST
@html_errors
def criterion_add(request: HttpRequest, pk: int) -> HttpResponse:
    """TER-2: one accepted value of a dimension; field errors next to the fields."""
    territory = selectors.territory_get(actor=request.actor, pk=pk)
    form = CriterionForm(request.POST)
    if form.is_valid():
        with FormSave(form, catch=(ValidationFailed,)) as save:
            services.criterion_add(actor=request.actor, territory=territory, **form.cleaned_data)
        if save.ok:
            messages.success(request, _("Criterion added."))
            return redirect("territories:territory_detail", pk=territory.pk)
    return _detail(request, territory, criterion_form=form)


@require_POST
@html_errors
def criterion_remove(request: HttpRequest, pk: int, criterion_id: int) -> HttpResponse:
    criterion = selectors.criterion_get(actor=request.actor, territory_id=pk, pk=criterion_id)
    services.criterion_remove(actor=request.actor, criterion=criterion)
    messages.success(request, _("Criterion removed."))
    return redirect("territories:territory_detail", pk=pk)


@require_POST
@html_errors
def member_add(request: HttpRequest, pk: int) -> HttpResponse:
    """TER-1: the service refuses a resource of the wrong kind or partner."""
    territory = selectors.territory_get(actor=request.actor, pk=pk)
    resources = selectors.member_resource_choices(actor=request.actor, territory=territory)
    form = MemberForm(request.POST, resources=resources)
    if form.is_valid():
        with FormSave(form, catch=(ValidationFailed, Conflict)) as save:
            services.territory_member_add(
                actor=request.actor,
                territory=territory,
                resource_id=form.cleaned_data["resource_id"],
            )
        if save.ok:
            messages.success(request, _("Member added."))
            return redirect("territories:territory_detail", pk=territory.pk)
    return _detail(request, territory, member_form=form)


@require_POST
@html_errors
def member_remove(request: HttpRequest, pk: int, member_id: int) -> HttpResponse:
    member = selectors.member_get(actor=request.actor, territory_id=pk, pk=member_id)
    services.territory_member_remove(actor=request.actor, member=member)
    messages.success(request, _("Member removed."))
    return redirect("territories:territory_detail", pk=pk)


def _account_page(
    request: HttpRequest, pk: int, form: PartnerTerritoriesForm | None = None
) -> HttpResponse:
    account = account_get(actor=request.actor, pk=pk)
    can_add_partner = has_privilege(request.actor, MANAGE_PARTNERS)
    choices = (
        [
            (t.pk, f"{t.name} ({t.partner.name if t.partner else '—'})")
            for t in selectors.partner_territory_choices(actor=request.actor)
        ]
        if can_add_partner
        else []
    )
    context = {
        "account": account,
        "assignments": selectors.account_territory_list(actor=request.actor, account_id=pk),
        "can_assign": at_least(account_access_level(request.actor, account), AccessLevel.EDIT),
        "can_add_partner": can_add_partner,
        "partner_form": form or PartnerTerritoriesForm(territories=choices),
    }
    return render(request, "territories/account_territories.html", context)


@html_errors
def account_territories(request: HttpRequest, pk: int) -> HttpResponse:
    """TER-3/TER-4: the account's territories, automatic or added."""
    return _account_page(request, pk)


@require_POST
@html_errors
def account_assign(request: HttpRequest, pk: int) -> HttpResponse:
    """TER-3 "Assign Territories": Edit access is enough (TEAM-2)."""
    services.account_assign_territories(actor=request.actor, account_id=pk)
    messages.success(request, _("Territories assigned."))
    return redirect("territories:account_territories", pk=pk)


@require_POST
@html_errors
def account_add_partner(request: HttpRequest, pk: int) -> HttpResponse:
    """TER-4: a channel manager adds chosen partner territories."""
    ids = [int(v) for v in request.POST.getlist("territory_ids") if v.isdigit()]
    try:
        services.account_add_partner_territories(
            actor=request.actor, account_id=pk, territory_ids=ids
        )
    except ValidationFailed as error:
        messages.error(request, "; ".join(m for ms in error.field_errors.values() for m in ms))
    else:
        messages.success(request, _("Partner territories added."))
    return redirect("territories:account_territories", pk=pk)


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
