"""Account pages: list, customers overview, detail with tabs, create, edit,
delete, convert, notes, billing accounts, legal entities and deleted accounts.
Every decision is the services' or the selectors'."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openprm.core.audit.selectors import audit_history
from openprm.core.errors import Conflict, DomainError, StaleVersion
from openprm.core.exporters.tabular import Column
from openprm.core.listing import list_context
from openprm.core.views.web import (
    FormSave,
    duplicate_candidates,
    export_requested,
    filters_from,
    form_add_domain_error,
    html_errors,
    permitted,
)
from openprm.customers import selectors, services
from openprm.customers.filters import AccountFilter, LegalEntityFilter
from openprm.customers.forms import (
    AccountCreateForm,
    AccountEditForm,
    BillingAccountForm,
    LegalEntityForm,
    NoteForm,
    VersionForm,
)
from openprm.customers.models import Account
from openprm.customers.pickers import PICK_LIMIT, SEARCH_SUFFIX
from openprm.customers.qualification import qualification_failures


def export_columns() -> list[Column]:
    """Headers translated for the requesting user (IMP-3)."""
    return [
        (_("ID"), lambda a: a.pk),
        (_("Name"), lambda a: a.name),
        (_("Type"), lambda a: a.get_account_type_display()),
        (_("Sales account"), lambda a: a.is_sales_account),
        (_("Owner"), lambda a: a.owner.username if a.owner else ""),
        (_("Parent"), lambda a: a.parent_name or ""),
        (_("City"), lambda a: a.city),
        (_("Region"), lambda a: a.region),
        (_("Postal code"), lambda a: a.postal_code),
        (_("Country"), lambda a: a.country.code or ""),
        (_("Annual revenue"), lambda a: a.annual_revenue),
        (_("Currency"), lambda a: a.currency),
        (_("Custom fields"), lambda a: a.custom or ""),
    ]


TABS = ("details", "hierarchy", "notes", "billing", "history")


def _custom_params(request: HttpRequest) -> dict[str, str]:
    return {
        k.removeprefix("custom."): v
        for k, v in request.GET.items()
        if k.startswith("custom.") and v
    }


def _account_rows(
    request: HttpRequest, *, customers_only: bool, title: str, export_name: str
) -> HttpResponse:
    filters, valid = filters_from(request, AccountFilter)
    select = selectors.customer_overview if customers_only else selectors.account_list
    try:
        accounts = select(actor=request.actor, filters=filters, custom=_custom_params(request))
    except DomainError as error:
        messages.error(request, error.message)
        accounts = select(actor=request.actor, filters=filters)
    context = list_context(
        request, accounts, sortable=selectors.ACCOUNT_SORTS, default_sort="name", count=False
    )
    export = export_requested(request, context["ordered"], export_columns(), export_name)
    if export is not None:
        return export
    context.update(
        {
            "title": title,
            "filters": filters,
            "filters_valid": valid,
            "customers_only": customers_only,
            "account_types": Account.AccountType.choices,
            "owners": selectors.owner_choices(),
        }
    )
    return render(request, "customers/account_list.html", context)


def account_list(request: HttpRequest) -> HttpResponse:
    """CUS-11: the general account search, every type."""
    return _account_rows(request, customers_only=False, title=_("Accounts"), export_name="accounts")


def customer_overview(request: HttpRequest) -> HttpResponse:
    """CUS-11: accounts of type Customer."""
    return _account_rows(
        request, customers_only=True, title=_("Customers"), export_name="customers"
    )


@html_errors
def account_create(request: HttpRequest) -> HttpResponse:
    form = AccountCreateForm(request.POST or None, actor=request.actor)
    candidates: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        try:
            account = services.account_create(
                actor=request.actor,
                data=form.service_values(),
                custom=form.custom_values(),
                confirm_duplicates=form.cleaned_data["confirm_duplicates"],
            )
        except Conflict as error:
            candidates = duplicate_candidates(form, error)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Account “%s” created.") % account.name)
            return redirect("customers:account_detail", pk=account.pk)
    return render(
        request,
        "customers/account_form.html",
        {"form": form, "candidates": candidates, "title": _("New account")},
    )


def _detail_context(request: HttpRequest, account: Account, tab: str) -> dict[str, Any]:
    context: dict[str, Any] = {
        "account": account,
        "tab": tab,
        "tabs": TABS,
        "can_delete": permitted(request.actor, account, "delete")["delete"],
        "failures": [] if account.is_sales_account else qualification_failures(account),
    }
    if tab == "hierarchy":
        context["hierarchy"] = selectors.account_hierarchy(actor=request.actor, account=account)
    elif tab == "notes":
        context["notes"] = selectors.note_list(actor=request.actor, account=account)
        context["note_form"] = NoteForm()
    elif tab == "billing":
        context["billing_accounts"] = selectors.billing_account_list(actor=request.actor).filter(
            account=account
        )
        context["billing_form"] = BillingAccountForm()
    elif tab == "history":
        context["history"] = audit_history(actor=request.actor, instance=account)
    return context


@html_errors
def account_detail(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.account_get(actor=request.actor, pk=pk)
    tab = request.GET.get("tab", "details")
    if tab not in TABS:
        tab = "details"
    return render(request, "customers/account_detail.html", _detail_context(request, account, tab))


@html_errors
def account_edit(request: HttpRequest, pk: int) -> HttpResponse:
    account = services.account_get_for_edit(actor=request.actor, pk=pk)
    initial = {name: getattr(account, name) for name in AccountEditForm.base_fields}
    initial.update(
        {
            "country": account.country.code or "",
            "parent_id": account.parent_id,
            "version": account.version,
        }
    )
    form = AccountEditForm(
        request.POST or None, actor=request.actor, account=account, initial=initial
    )
    save = FormSave(form, stale=True)
    if request.method == "POST" and form.is_valid():
        with save:
            services.account_update(
                actor=request.actor,
                account=account,
                changes=form.service_values(),
                custom=form.custom_values(),
                expected_version=form.cleaned_data["version"],
            )
        if save.ok:
            messages.success(request, _("Account saved."))
            return redirect("customers:account_detail", pk=account.pk)
    return render(
        request,
        "customers/account_form.html",
        {"form": form, "account": account, "stale": save.stale, "title": _("Edit account")},
    )


@html_errors
def account_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """CUS-9: confirm, then soft delete (403 naming the privilege without it)."""
    account = services.account_get_for_delete(actor=request.actor, pk=pk)
    form = VersionForm(
        request.POST if request.method == "POST" else None, initial={"version": account.version}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.account_delete(
                actor=request.actor, account=account, expected_version=form.cleaned_data["version"]
            )
        except StaleVersion:
            messages.error(request, _("The account changed meanwhile; review it and try again."))
            return redirect("customers:account_detail", pk=account.pk)
        except Conflict as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Account “%s” deleted.") % account.name)
            return redirect("customers:account_list")
    return render(request, "customers/account_delete.html", {"account": account, "form": form})


@require_POST
@html_errors
def account_convert(request: HttpRequest, pk: int) -> HttpResponse:
    """CUS-3: the failing rules are shown by name when conversion is refused."""
    account = selectors.account_get(actor=request.actor, pk=pk)
    form = VersionForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("This page was out of date: it has been reloaded, try again."))
        return redirect("customers:account_detail", pk=account.pk)
    try:
        services.account_convert_to_sales_account(
            actor=request.actor, account=account, expected_version=form.cleaned_data["version"]
        )
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The prospect is now a sales account."))
    return redirect("customers:account_detail", pk=account.pk)


@require_POST
@html_errors
def note_create(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.account_get(actor=request.actor, pk=pk)
    form = NoteForm(request.POST)
    if form.is_valid():
        services.note_create(actor=request.actor, account=account, text=form.cleaned_data["text"])
        messages.success(request, _("Note added."))
    return redirect(f"{account_url(account)}?tab=notes")


@html_errors
def billing_account_create(request: HttpRequest, pk: int) -> HttpResponse:
    account = selectors.account_get(actor=request.actor, pk=pk)
    form = BillingAccountForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with FormSave(form) as save:
            services.billing_account_create(
                actor=request.actor, account=account, data=form.cleaned_data
            )
        if save.ok:
            messages.success(request, _("Billing account added."))
            return redirect(f"{account_url(account)}?tab=billing")
    context = _detail_context(request, account, "billing")
    context["billing_form"] = form
    return render(request, "customers/account_detail.html", context)


def account_pick(request: HttpRequest) -> HttpResponse:
    """Matches for an account picker (CUS-6 parent, CON-12 customer): only
    visible, active accounts (CUS-9, TEAM-5)."""
    field = request.GET.get("field", "")
    text = request.GET.get(f"{field}{SEARCH_SUFFIX}", "") or request.GET.get("q", "")
    accounts = selectors.account_pick(actor=request.actor, q=text, limit=PICK_LIMIT)
    matches = [
        {
            "pk": a.pk,
            "label": a.name,
            "detail": " · ".join(p for p in (a.get_account_type_display(), a.city) if p),
        }
        for a in accounts
    ]
    return render(
        request, "customers/_pick_results.html", {"matches": matches, "searched": bool(text)}
    )


def account_url(account: Account) -> str:
    return reverse("customers:account_detail", kwargs={"pk": account.pk})


@html_errors
def deleted_account_list(request: HttpRequest) -> HttpResponse:
    """CUS-9: administrators find deleted accounts here and restore them."""
    accounts = selectors.deleted_account_list(actor=request.actor, q=request.GET.get("q", ""))
    context = list_context(
        request,
        accounts,
        sortable={"deleted": "deleted_at", "name": "name_search"},
        default_sort="-deleted",
    )
    columns: list[Column] = [
        (_("ID"), lambda a: a.pk),
        (_("Name"), lambda a: a.name),
        (_("Type"), lambda a: a.get_account_type_display()),
        (_("Deleted"), lambda a: a.deleted_at),
        (_("By"), lambda a: a.deleted_by.username if a.deleted_by else ""),
    ]
    export = export_requested(request, context["ordered"], columns, "deleted-accounts")
    if export is not None:
        return export
    return render(request, "customers/deleted_account_list.html", context)


@require_POST
@html_errors
def account_restore(request: HttpRequest, pk: int) -> HttpResponse:
    account = services.account_restore(actor=request.actor, pk=pk)
    messages.success(request, _("Account “%s” restored.") % account.name)
    return redirect("customers:account_detail", pk=account.pk)


@html_errors
def legal_entity_list(request: HttpRequest) -> HttpResponse:
    """CUS-7: internal and external legal entities with their accounts."""
    filters, _valid = filters_from(request, LegalEntityFilter)
    form = LegalEntityForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with FormSave(form) as save:
            services.legal_entity_create(actor=request.actor, data=form.cleaned_data)
        if save.ok:
            messages.success(request, _("Legal entity created."))
            return redirect("customers:legal_entity_list")
    entities = selectors.legal_entity_list(actor=request.actor, filters=filters)
    context = list_context(
        request, entities, sortable={"name": "name_search", "kind": "kind"}, default_sort="name"
    )
    columns: list[Column] = [
        (_("ID"), lambda e: e.pk),
        (_("Name"), lambda e: e.name),
        (_("Kind"), lambda e: e.get_kind_display()),
    ]
    if request.method == "GET":
        export = export_requested(request, context["ordered"], columns, "legal-entities")
        if export is not None:
            return export
    context["form"] = form
    return render(request, "customers/legal_entity_list.html", context)
