"""Account pages: list, customers overview, detail with tabs, create, edit,
delete, convert, notes, billing accounts, legal entities and deleted accounts.
Every decision is the services' or the selectors'; the page shapes are the
generic views'."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.core.audit.selectors import audit_history
from openprm.core.views.editing import RecordAction, RecordDelete, RecordForm
from openprm.core.views.generic import CustomFilteredList, RecordDetail, RecordList
from openprm.core.views.web import (
    FormSave,
)
from openprm.customers import selectors, services, tables
from openprm.customers.forms import (
    AccountCreateForm,
    AccountEditForm,
    BillingAccountForm,
    LegalEntityForm,
    NoteForm,
    VersionForm,
)
from openprm.customers.models import Account, LegalEntity
from openprm.customers.pickers import PICK_LIMIT, pick_results, picked_text
from openprm.customers.qualification import qualification_failures
from openprm.customers.tables import account_url


class AccountList(CustomFilteredList):
    """CUS-11: the general account search, every type."""

    model = Account
    spec = tables.ACCOUNTS
    template_name = "customers/account_list.html"
    title = gettext_lazy("Accounts")
    customers_only = False

    def context(self, **scope: Any) -> dict[str, Any]:
        return {
            "title": self.title,
            "customers_only": self.customers_only,
            "account_types": Account.AccountType.choices,
            "owners": selectors.owner_choices(),
        }


class CustomerOverview(AccountList):
    """CUS-11: accounts of type Customer."""

    spec = tables.CUSTOMERS
    title = gettext_lazy("Customers")
    customers_only = True


class AccountCreate(RecordForm):
    """CUS-1; similar accounts are shown before a duplicate is created."""

    model = Account
    action = "create"
    form_class = AccountCreateForm
    template_name = "customers/account_form.html"
    title = gettext_lazy("New account")
    success_message = gettext_lazy("Account “%(name)s” created.")

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        return {"actor": self.actor}

    def apply(self, form: Any, record: Any) -> Account:
        return services.account_create(
            actor=self.actor,
            data=form.service_values(),
            custom=form.custom_values(),
            confirm_duplicates=form.cleaned_data["confirm_duplicates"],
        )

    def success_url(self, saved: Account) -> str:
        return account_url(saved)


class AccountDetail(RecordDetail):
    model = Account
    template_name = "customers/account_detail.html"
    context_object_name = "account"
    actions = ("delete",)
    tabs = (
        ("details", gettext_lazy("Details")),
        ("hierarchy", gettext_lazy("Hierarchy")),
        ("notes", gettext_lazy("Notes")),
        ("billing", gettext_lazy("Billing accounts")),
        ("history", gettext_lazy("History")),
    )

    def record(self, pk: int) -> Account:
        return selectors.account_get(actor=self.actor, pk=pk)

    def tab_context(self, record: Account, tab: str) -> dict[str, Any]:
        actor = self.actor
        context: dict[str, Any] = {
            "failures": [] if record.is_sales_account else qualification_failures(record)
        }
        if tab == "hierarchy":
            context["hierarchy"] = selectors.account_hierarchy(actor=actor, account=record)
        elif tab == "notes":
            context["notes"] = selectors.note_list(actor=actor, account=record)
            context["note_form"] = NoteForm()
        elif tab == "billing":
            billing = selectors.billing_account_list(actor=actor).filter(account=record)
            context["billing_accounts"] = billing
            context["billing_form"] = BillingAccountForm()
        elif tab == "history":
            context["history"] = audit_history(actor=actor, instance=record)
        return context


class AccountEdit(RecordForm):
    """PLAT-6: the edit carries its version; a stale one shows the stored
    values."""

    model = Account
    action = "change"
    form_class = AccountEditForm
    template_name = "customers/account_form.html"
    context_object_name = "account"
    title = gettext_lazy("Edit account")
    success_message = gettext_lazy("Account saved.")

    def record(self, pk: int) -> Account:
        return services.account_get_for_edit(actor=self.actor, pk=pk)

    def form_kwargs(self, record: Account) -> dict[str, Any]:
        initial = {name: getattr(record, name) for name in AccountEditForm.base_fields}
        initial.update(
            country=record.country.code or "", parent_id=record.parent_id, version=record.version
        )
        return {"actor": self.actor, "account": record, "initial": initial}

    def apply(self, form: Any, record: Account) -> Account:
        services.account_update(
            actor=self.actor,
            account=record,
            changes=form.service_values(),
            custom=form.custom_values(),
            expected_version=form.cleaned_data["version"],
        )
        return record

    def success_url(self, saved: Account) -> str:
        return account_url(saved)


class AccountDelete(RecordDelete):
    """CUS-9: confirm, then soft delete (403 naming the privilege without it)."""

    model = Account
    form_class = VersionForm
    template_name = "customers/account_delete.html"
    context_object_name = "account"
    success_message = gettext_lazy("Account “%(name)s” deleted.")
    stale_message = gettext_lazy("The account changed meanwhile; review it and try again.")

    def record(self, pk: int) -> Account:
        return services.account_get_for_delete(actor=self.actor, pk=pk)

    def remove(self, record: Account, version: int) -> None:
        services.account_delete(actor=self.actor, account=record, expected_version=version)

    def success_url(self, record: Account) -> str:
        return reverse("customers:account_list")


class AccountConvert(RecordAction):
    """CUS-3: the failing rules are shown by name when conversion is refused."""

    model = Account
    action = "change"
    form_class = VersionForm
    success_message = gettext_lazy("The prospect is now a sales account.")

    def record(self, pk: int) -> Account:
        return selectors.account_get(actor=self.actor, pk=pk)

    def perform(self, record: Account, form: Any) -> None:
        services.account_convert_to_sales_account(
            actor=self.actor, account=record, expected_version=form.cleaned_data["version"]
        )

    def success_url(self, record: Account) -> str:
        return account_url(record)


class NoteCreate(RecordAction):
    model = Account
    action = "change"
    form_class = NoteForm
    success_message = gettext_lazy("Note added.")
    invalid_message = gettext_lazy("Write the note first.")

    def record(self, pk: int) -> Account:
        return selectors.account_get(actor=self.actor, pk=pk)

    def perform(self, record: Account, form: Any) -> None:
        services.note_create(actor=self.actor, account=record, text=form.cleaned_data["text"])

    def success_url(self, record: Account) -> str:
        return f"{account_url(record)}?tab=notes"


class BillingAccountCreate(AccountDetail):
    """The billing tab's form: a refused save stays on the tab."""

    http_method_names = ["get", "post"]  # type: ignore[misc]

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_record(self.record(pk), "billing")

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = self.record(pk)
        form = BillingAccountForm(request.POST)
        if form.is_valid():
            with FormSave(form) as save:
                services.billing_account_create(
                    actor=self.actor, account=account, data=form.cleaned_data
                )
            if save.ok:
                messages.success(request, _("Billing account added."))
                return redirect(f"{account_url(account)}?tab=billing")
        return self.render_record(account, "billing", billing_form=form)


class LegalEntityList(RecordList):
    """CUS-7: internal and external legal entities with their accounts; the
    form below the list creates one."""

    model = LegalEntity
    spec = tables.LEGAL_ENTITIES
    template_name = "customers/legal_entity_list.html"

    form: LegalEntityForm | None = None

    def context(self, **scope: Any) -> dict[str, Any]:
        return {"form": self.form or LegalEntityForm()}

    def post(self, request: HttpRequest) -> HttpResponse:
        self.form = form = LegalEntityForm(request.POST)
        if form.is_valid():
            with FormSave(form) as save:
                services.legal_entity_create(actor=self.actor, data=form.cleaned_data)
            if save.ok:
                messages.success(request, _("Legal entity created."))
                return redirect("customers:legal_entity_list")
        return self.get(request)


def account_pick(request: HttpRequest) -> HttpResponse:
    """Matches for an account picker (CUS-6 parent, CON-12 customer): only
    visible, active accounts (CUS-9, TEAM-5)."""
    text = picked_text(request)
    accounts = selectors.account_pick(actor=request.actor, q=text, limit=PICK_LIMIT)
    matches = [
        {
            "pk": a.pk,
            "label": a.name,
            "detail": " · ".join(p for p in (a.get_account_type_display(), a.city) if p),
        }
        for a in accounts
    ]
    return pick_results(request, text, matches)
