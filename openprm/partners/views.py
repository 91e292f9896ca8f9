"""Partner pages: list, create, detail (profile, contacts, hierarchy, history),
edit, inactivate / activate, and the partner contact actions. Every decision
is the services' or the selectors'."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from openprm.core.apikit.handlers import custom_filters
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
)
from openprm.customers.selectors import account_get
from openprm.partners import selectors, services
from openprm.partners.api import base_url
from openprm.partners.filters import PartnerFilter
from openprm.partners.forms import (
    ContactRoleForm,
    ExistingContactForm,
    PartnerContactForm,
    PartnerCreateForm,
    PartnerEditForm,
    PromoteToResourceForm,
    PromoteToUserForm,
    VersionForm,
)
from openprm.partners.models import PartnerContact, PartnerProfile

TABS = ("details", "contacts", "hierarchy", "history")
View = Callable[..., HttpResponse]


def internal_page(view: View) -> View:
    """Partner screens are internal: a portal user gets 404 (PRG-7), and
    domain errors become the 404 / 403 pages."""

    @html_errors
    @wraps(view)
    def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.actor.is_partner:
            raise Http404()
        return view(request, *args, **kwargs)

    return wrapper


def export_columns() -> list[Column]:
    """Headers translated for the requesting user (IMP-3)."""
    return [
        (_("ID"), lambda p: p.pk),
        (_("Name"), lambda p: p.account.name),
        (_("Status"), lambda p: p.get_status_display()),
        (_("Parent"), lambda p: p.parent_name or ""),
        (_("Owner"), lambda p: p.account.owner.username if p.account.owner_id else ""),
        (_("City"), lambda p: p.account.city),
        (_("Region"), lambda p: p.account.region),
        (_("Country"), lambda p: p.account.country.code or ""),
        (_("Contacts"), lambda p: p.contact_count),
        (_("Custom fields"), lambda p: {**p.account.custom, **p.custom} or ""),
    ]


def partner_url(partner: PartnerProfile, tab: str = "details") -> str:
    return reverse("partners:partner_detail", kwargs={"pk": partner.pk}) + f"?tab={tab}"


@internal_page
def partner_list(request: HttpRequest) -> HttpResponse:
    """PA-2: managed partners, filtered, sorted, paginated and exported."""
    filters, valid = filters_from(request, PartnerFilter)
    try:
        partners = selectors.partner_list(
            actor=request.actor, filters=filters, custom=custom_filters(request)
        )
    except DomainError as error:
        messages.error(request, error.message)
        partners = selectors.partner_list(actor=request.actor, filters=filters)
    context = list_context(request, partners, sortable=selectors.PARTNER_SORTS, default_sort="name")
    export = export_requested(request, context["ordered"], export_columns(), "partners")
    if export is not None:
        return export
    context.update(
        {"filters": filters, "filters_valid": valid, "statuses": PartnerProfile.Status.choices}
    )
    return render(request, "partners/partner_list.html", context)


@internal_page
def partner_create(request: HttpRequest) -> HttpResponse:
    """PA-2 (type and managed flag set, no type field) and PA-6 (primary contact)."""
    form = PartnerCreateForm(request.POST or None)
    candidates: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.partner_create(
                actor=request.actor,
                data=form.service_values(),
                custom=form.custom_values(),
                primary_contact=form.primary_contact(),
                confirm_duplicates=form.cleaned_data["confirm_duplicates"],
            )
        except Conflict as error:
            candidates = duplicate_candidates(form, error)
        except DomainError as error:
            if error.status == 403:
                raise
            form_add_domain_error(form, error)
            for message in error.field_errors.get("primary_contact", []):
                form.add_error("contact_last_name", message)
        else:
            messages.success(request, _("Partner “%s” created.") % partner.account.name)
            return redirect("partners:partner_detail", pk=partner.pk)
    return render(
        request,
        "partners/partner_form.html",
        {"form": form, "candidates": candidates, "title": _("New partner")},
    )


def _detail_context(request: HttpRequest, partner: PartnerProfile, tab: str) -> dict[str, Any]:
    context: dict[str, Any] = {"partner": partner, "tab": tab, "tabs": TABS}
    if tab == "contacts":
        contacts = selectors.partner_contact_list(actor=request.actor, partner=partner)
        context["contacts"] = contacts
        context["contact_form"] = PartnerContactForm()
        context["existing_form"] = ExistingContactForm(prefix="existing")
    elif tab == "hierarchy":
        context["hierarchy"] = selectors.partner_hierarchy(actor=request.actor, partner=partner)
    elif tab == "history":
        context["history"] = audit_history(actor=request.actor, instance=partner)
    return context


@internal_page
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = selectors.partner_get(actor=request.actor, pk=pk)
    tab = request.GET.get("tab", "details")
    if tab not in TABS:
        tab = "details"
    if tab == "contacts":
        contacts = selectors.partner_contact_list(actor=request.actor, partner=partner)
        name = f"partner-{partner.pk}-contacts"
        export = export_requested(request, contacts, contact_export_columns(), name)
        if export is not None:
            return export
    return render(request, "partners/partner_detail.html", _detail_context(request, partner, tab))


def contact_export_columns() -> list[Column]:
    return [
        (_("First name"), lambda c: c.person.first_name),
        (_("Last name"), lambda c: c.person.last_name),
        (_("Primary"), lambda c: c.is_primary),
        (_("Level"), lambda c: c.get_level_display()),
        (_("Role"), lambda c: c.role.name if c.role else ""),
        (_("Manager"), lambda c: c.manager.person.full_name if c.manager else ""),
        (_("Portal user"), lambda c: c.user.username if c.user else ""),
        (_("Active user"), lambda c: bool(c.user and c.user.is_active)),
    ]


@internal_page
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partner = selectors.partner_get(actor=request.actor, pk=pk)
    account = partner.account
    initial: dict[str, Any] = {
        name: getattr(account, name)
        for name in PartnerEditForm.base_fields
        if hasattr(account, name)
    }
    initial.update(
        {
            "country": account.country.code or "",
            "parent_id": account.parent_id,
            "version": partner.version,
        }
    )
    form = PartnerEditForm(request.POST or None, partner=partner, initial=initial)
    save = FormSave(form, stale=True, refusals_to_page=True)
    if request.method == "POST" and form.is_valid():
        with save:
            services.partner_update(
                actor=request.actor,
                partner=partner,
                changes=form.service_values(),
                custom=form.custom_values(),
                expected_version=form.cleaned_data["version"],
            )
        if save.ok:
            messages.success(request, _("Partner saved."))
            return redirect("partners:partner_detail", pk=partner.pk)
    return render(
        request,
        "partners/partner_form.html",
        {"form": form, "partner": partner, "stale": save.stale, "title": _("Edit partner")},
    )


@internal_page
@require_POST
def partner_status(request: HttpRequest, pk: int, status: str) -> HttpResponse:
    """PA-3/PA-4: the partner screens inactivate or activate, never delete."""
    partner = selectors.partner_get(actor=request.actor, pk=pk)
    form = VersionForm(request.POST)
    version = form.cleaned_data["version"] if form.is_valid() else None
    try:
        services.partner_set_status(
            actor=request.actor, partner=partner, status=status, expected_version=version
        )
    except StaleVersion:
        messages.error(request, _("The partner changed meanwhile; review it and try again."))
    except Conflict as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The partner is now %s.") % PartnerProfile.Status(status).label)
    return redirect("partners:partner_detail", pk=partner.pk)


@internal_page
def contact_create(request: HttpRequest, pk: int) -> HttpResponse:
    """PC-1 (and PA-6: add the primary contact later)."""
    partner = selectors.partner_get(actor=request.actor, pk=pk)
    form = PartnerContactForm(request.POST or None)
    existing_form = ExistingContactForm(prefix="existing")
    candidates: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_contact_create(
                actor=request.actor,
                partner=partner,
                data=form.service_values(),
                is_primary=form.cleaned_data["primary"],
                confirm_duplicates=form.cleaned_data["confirm_duplicates"],
            )
        except Conflict as error:
            if error.extra.get("candidates"):
                candidates = duplicate_candidates(form, error)
            else:
                form.add_error(None, error.message)
        except DomainError as error:
            if error.status == 403:
                raise
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Partner contact added."))
            return redirect(partner_url(partner, "contacts"))
    context = _detail_context(request, partner, "contacts")
    context.update({"contact_form": form, "existing_form": existing_form, "candidates": candidates})
    return render(request, "partners/partner_detail.html", context)


@internal_page
@require_POST
def contact_add_existing(request: HttpRequest, pk: int) -> HttpResponse:
    """PC-4: an existing contact without a second person record."""
    partner = selectors.partner_get(actor=request.actor, pk=pk)
    form = ExistingContactForm(request.POST, prefix="existing")
    if form.is_valid():
        try:
            role = form.cleaned_data["role"]
            services.partner_contact_add_existing(
                actor=request.actor,
                partner=partner,
                person_id=form.cleaned_data["person_id"],
                role_id=role.pk if role else None,
            )
        except DomainError as error:
            if error.status == 403:
                raise
            messages.error(
                request, _("No contact with this number.") if error.status == 404 else error.message
            )
        else:
            messages.success(request, _("Partner contact added."))
    return redirect(partner_url(partner, "contacts"))


def _contact_page(
    request: HttpRequest, contact: PartnerContact, form: Any, action: str, title: str
) -> HttpResponse:
    return render(
        request,
        "partners/contact_action.html",
        {"contact": contact, "form": form, "action": action, "title": title},
    )


@internal_page
def contact_promote_to_resource(request: HttpRequest, pk: int) -> HttpResponse:
    """PC-2/PC-3: give the contact a role and optionally a manager."""
    contact = selectors.partner_contact_get(actor=request.actor, pk=pk)
    managers = selectors.partner_contact_list(actor=request.actor, partner=contact.partner).exclude(
        pk=contact.pk
    )
    form = PromoteToResourceForm(
        request.POST or None, managers=managers, initial={"version": contact.version}
    )
    if request.method == "POST" and form.is_valid():
        manager = form.cleaned_data["manager"]
        with FormSave(form, refusals_to_page=True) as save:
            services.partner_contact_promote_to_resource(
                actor=request.actor,
                contact=contact,
                role_id=form.cleaned_data["role"].pk,
                manager_id=manager.pk if manager else None,
                expected_version=form.cleaned_data["version"],
            )
        if save.ok:
            messages.success(request, _("%s is now a partner resource.") % contact.person)
            return redirect(partner_url(contact.partner, "contacts"))
    return _contact_page(request, contact, form, "resource", _("Make a partner resource"))


@internal_page
def contact_promote_to_user(request: HttpRequest, pk: int) -> HttpResponse:
    """PC-2/PC-3: a portal user, invited by e-mail."""
    contact = selectors.partner_contact_get(actor=request.actor, pk=pk)
    email = contact.resource.email if contact.resource_id else ""
    form = PromoteToUserForm(
        request.POST or None, initial={"version": contact.version, "email": email}
    )
    if request.method == "POST" and form.is_valid():
        with FormSave(form, refusals_to_page=True) as save:
            services.partner_contact_promote_to_user(
                actor=request.actor,
                contact=contact,
                username=form.cleaned_data["username"],
                email=form.cleaned_data["email"],
                portal_user_type=form.cleaned_data["portal_user_type"],
                expected_version=form.cleaned_data["version"],
                base_url=base_url(request),
            )
        if save.ok:
            messages.success(request, _("Portal user created; the invitation was sent."))
            return redirect(partner_url(contact.partner, "contacts"))
    return _contact_page(request, contact, form, "user", _("Give a portal user"))


@internal_page
def contact_role(request: HttpRequest, pk: int) -> HttpResponse:
    """PA-6: change a partner contact's role."""
    contact = selectors.partner_contact_get(actor=request.actor, pk=pk)
    form = ContactRoleForm(
        request.POST or None, initial={"version": contact.version, "role": contact.role}
    )
    if request.method == "POST" and form.is_valid():
        role = form.cleaned_data["role"]
        with FormSave(form, refusals_to_page=True) as save:
            services.partner_contact_update(
                actor=request.actor,
                contact=contact,
                changes={"role_id": role.pk if role else None},
                expected_version=form.cleaned_data["version"],
            )
        if save.ok:
            messages.success(request, _("Role changed."))
            return redirect(partner_url(contact.partner, "contacts"))
    return _contact_page(request, contact, form, "role", _("Change the role"))


@internal_page
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    """PC-5: confirm, then delete; a portal user is deactivated at once."""
    contact = selectors.partner_contact_get(actor=request.actor, pk=pk)
    if request.method == "POST":
        services.partner_contact_delete(actor=request.actor, contact=contact)
        messages.success(request, _("Partner contact %s deleted.") % contact.person)
        return redirect(partner_url(contact.partner, "contacts"))
    return _contact_page(request, contact, None, "delete", _("Delete the partner contact"))


@internal_page
@require_POST
def contact_favorite(request: HttpRequest, pk: int) -> HttpResponse:
    """PC-6: mark or unmark a favorite partner contact."""
    contact = selectors.partner_contact_get(actor=request.actor, pk=pk)
    services.partner_contact_favorite_set(
        actor=request.actor, contact=contact, favorite=request.POST.get("favorite") == "1"
    )
    return redirect(partner_url(contact.partner, "contacts"))


@internal_page
def account_managed(request: HttpRequest, account_id: int) -> HttpResponse:
    """PA-2: the account screens' managed-partner flag, set by hand."""
    account = account_get(actor=request.actor, pk=account_id)
    profile = selectors.partner_for_account(actor=request.actor, account_id=account.pk)
    if request.method == "POST":
        managed = request.POST.get("managed_partner") == "on"
        profile = services.partner_mark_managed(
            actor=request.actor, account=account, managed=managed
        )
        messages.success(request, _("Managed-partner flag saved."))
        if selectors.partner_list(actor=request.actor).filter(pk=profile.pk).exists():
            return redirect("partners:partner_detail", pk=profile.pk)
    return render(
        request, "partners/account_managed.html", {"account": account, "profile": profile}
    )
