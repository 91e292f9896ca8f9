"""Household pages (CUS-1, CUS-10): list, create, detail with members, delete."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openprm.contacts import selectors, services
from openprm.contacts.forms import HouseholdMemberForm, NameForm
from openprm.core.errors import DomainError
from openprm.core.listing import page_number, read_page
from openprm.core.views.web import export_requested, form_add_domain_error, html_errors

HOUSEHOLD_COLUMNS = [
    (gettext_lazy("Name"), lambda h: h.name),
    (
        gettext_lazy("Members"),
        lambda h: ", ".join(m.person.full_name for m in h.memberships.all()),
    ),
]


@html_errors
def household_list(request: HttpRequest) -> HttpResponse:
    households = selectors.household_list(actor=request.actor, q=request.GET.get("q", ""))
    if request.method == "GET":
        export = export_requested(request, households, HOUSEHOLD_COLUMNS, "households")
        if export is not None:
            return export
    page_obj = read_page(households, page_number(request.GET.get("page")))
    form = NameForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            household = services.household_create(
                actor=request.actor, name=form.cleaned_data["name"]
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            return redirect("contacts:household_detail", pk=household.pk)
    return render(
        request,
        "contacts/household_list.html",
        {"page_obj": page_obj, "rows": page_obj.object_list, "form": form},
    )


@html_errors
def household_detail(request: HttpRequest, pk: int) -> HttpResponse:
    household = selectors.household_get(actor=request.actor, pk=pk)
    form = HouseholdMemberForm(request.POST or None, actor=request.actor)
    if request.method == "POST" and form.is_valid():
        try:
            person = selectors.person_get(actor=request.actor, pk=form.cleaned_data["person"])
            services.household_add_member(actor=request.actor, household=household, person=person)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Member added."))
            return redirect("contacts:household_detail", pk=pk)
    return render(request, "contacts/household_detail.html", {"household": household, "form": form})


@html_errors
@require_POST
def household_member_remove(request: HttpRequest, pk: int) -> HttpResponse:
    membership = selectors.household_membership_get(actor=request.actor, pk=pk)
    services.household_remove_member(actor=request.actor, membership=membership)
    messages.success(request, _("Member removed; the contact remains."))
    return redirect("contacts:household_detail", pk=membership.household_id)


@html_errors
@require_POST
def household_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """CUS-10: the members remain as individual contacts."""
    household = selectors.household_get(actor=request.actor, pk=pk)
    services.household_delete(actor=request.actor, household=household)
    messages.success(request, _("Household deleted; its members remain as contacts."))
    return redirect("contacts:household_list")
