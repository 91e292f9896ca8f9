"""Contact pages: list with saved searches, detail, create with the duplicate
step, edit, and the actions of the detail page. Every rule is the services'."""

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openprm.contacts import selectors, services
from openprm.contacts.filters import ContactFilter
from openprm.contacts.forms import (
    ContactCreateForm,
    ContactFilterForm,
    ContactForm,
    ContactPointForm,
    PictureForm,
    PreferenceForm,
    RelationshipForm,
)
from openprm.contacts.models import Person, SavedSearch
from openprm.contacts.policies import person_get_for_edit
from openprm.contacts.services import DuplicateContacts
from openprm.core.errors import DomainError, StaleVersion
from openprm.core.listing import list_context, page_number, read_page, sorted_queryset
from openprm.core.redirects import redirect_next
from openprm.core.views.web import export_requested, form_add_domain_error, html_errors, permitted
from openprm.customers.pickers import PICK_LIMIT, SEARCH_SUFFIX

FILTER_FIELDS = ("q", "email", "phone", "kind", "key_contact")


def _flash(request: HttpRequest, error: DomainError) -> None:
    details = [m for msgs in error.field_errors.values() for m in msgs]
    messages.error(request, " ".join([error.message, *details]) if details else error.message)


# List --------------------------------------------------------------------------


def _chosen_search(request: HttpRequest) -> SavedSearch | None:
    """The saved search of the page; a first visit opens My Contacts (CON-7)."""
    return selectors.chosen_saved_search(actor=request.actor, params=request.GET)


def _filters(request: HttpRequest) -> ContactFilter:
    values = {k: request.GET[k] for k in FILTER_FIELDS if request.GET.get(k)}
    try:
        return ContactFilter(**values)
    except ValueError:
        messages.warning(request, _("Some filter values were not valid and were ignored."))
        return ContactFilter()


EXPORT_COLUMNS = [
    (gettext_lazy("First name"), lambda p: p.first_name),
    (gettext_lazy("Last name"), lambda p: p.last_name),
    (gettext_lazy("Kind"), lambda p: p.get_kind_display()),
    (gettext_lazy("Job title"), lambda p: p.job_title),
    (gettext_lazy("E-mail"), lambda p: p.primary_email),
    (gettext_lazy("Phone"), lambda p: p.primary_phone),
    (gettext_lazy("Key contact"), lambda p: p.is_key_contact),
    (
        gettext_lazy("Customers"),
        lambda p: ", ".join(r.account.name for r in p.customer_relationships),
    ),
]


@html_errors
def contact_list(request: HttpRequest) -> HttpResponse:
    searches = list(selectors.saved_search_list(actor=request.actor))
    try:
        search = _chosen_search(request)
    except DomainError:
        raise Http404 from None
    filters = _filters(request)
    form = ContactFilterForm(
        request.GET or None,
        searches=[(str(s.pk), s.name) for s in searches],
        initial={"saved_search": str(search.pk) if search else ""},
    )
    error = None
    try:
        contacts = selectors.contact_list(
            actor=request.actor, filters=filters, params=request.GET, saved_search=search
        )
    except DomainError as refused:
        error, contacts = refused.message, Person.objects.none()
    ordered, _sort = sorted_queryset(
        contacts, request.GET.get("sort", ""), selectors.CONTACT_SORTS, "name"
    )
    export = export_requested(request, ordered, EXPORT_COLUMNS, "contacts")
    if export is not None:
        return export
    context = list_context(
        request, contacts, sortable=selectors.CONTACT_SORTS, default_sort="name", count=False
    )
    context.update(
        form=form,
        search=search,
        searches=searches,
        search_error=error,
        can_save=search is None or not search.predefined,
    )
    return render(request, "contacts/contact_list.html", context)


@html_errors
@require_POST
def saved_search_create(request: HttpRequest) -> HttpResponse:
    """Save the filters of the list under a name (CON-7)."""
    criteria = {
        k: v
        for k, v in request.POST.items()
        if (k in FILTER_FIELDS or k.startswith("custom.") or k == "account") and v
    }
    try:
        search = services.saved_search_create(
            actor=request.actor, name=request.POST.get("name", ""), criteria=criteria
        )
    except DomainError as error:
        _flash(request, error)
        return redirect("contacts:contact_list")
    messages.success(request, _("Saved search “%s” created.") % search.name)
    return redirect(f"{reverse('contacts:contact_list')}?saved_search={search.pk}")


@html_errors
@require_POST
def saved_search_delete(request: HttpRequest, pk: int) -> HttpResponse:
    search = selectors.saved_search_get(actor=request.actor, pk=pk)
    try:
        services.saved_search_delete(actor=request.actor, search=search)
        messages.success(request, _("Saved search deleted."))
    except DomainError as error:
        _flash(request, error)
    return redirect("contacts:contact_list")


# Create and edit ------------------------------------------------------------------
@html_errors
def contact_create(request: HttpRequest) -> HttpResponse:
    """CON-2: a create that finds similar contacts shows them; the user opens
    one of them or confirms with "Create anyway"."""
    form = ContactCreateForm(
        request.POST or None,
        actor=request.actor,
        initial={"account": request.GET.get("account"), "kind": Person.Kind.B2B},
    )
    candidates: list[dict[str, Any]] = []
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.contact_create(
                actor=request.actor,
                first_name=data["first_name"],
                last_name=data["last_name"],
                kind=data["kind"],
                job_title=data["job_title"],
                is_key_contact=data["is_key_contact"],
                email=data["email"],
                phone=data["phone"],
                account_ids=[data["account"]] if data["account"] else [],
                custom=form.custom_values(),
                confirm_duplicates=request.POST.get("confirm_duplicates") == "on",
            )
        except DuplicateContacts as duplicates:
            candidates = duplicates.extra["candidates"]
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Contact “%s” created.") % person.full_name)
            return redirect("contacts:contact_detail", pk=person.pk)
    return render(request, "contacts/contact_form.html", {"form": form, "candidates": candidates})


@html_errors
def contact_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """TEAM-2: View Only users get the 403 page naming what editing needs."""
    person = person_get_for_edit(request.actor, pk)
    initial = {f: getattr(person, f) for f in ("first_name", "last_name", "kind", "job_title")}
    initial["is_key_contact"] = person.is_key_contact
    form = ContactForm(request.POST or None, initial=initial, custom=person.custom)
    stale = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        changes = {k: data[k] for k in initial}
        changes["custom"] = form.custom_values()
        try:
            services.contact_update(
                actor=request.actor,
                person=person,
                changes=changes,
                expected_version=int(request.POST.get("version", 0)),
            )
        except StaleVersion as error:
            stale = error.extra["current"]
            person.version = stale.get("version", person.version)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            messages.success(request, _("Contact saved."))
            return redirect("contacts:contact_detail", pk=person.pk)
    return render(
        request,
        "contacts/contact_form.html",
        {"form": form, "person": person, "stale": stale},
    )


# Detail and its actions --------------------------------------------------------
@html_errors
def contact_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.contact_get(actor=request.actor, pk=pk)
    today = timezone.localdate()
    points = list(selectors.contact_point_list(actor=request.actor, person=person))
    for point in points:
        point.restriction = point.restriction_on(today)
        point.preference_form = PreferenceForm(auto_id=f"id_pref{point.pk}_%s")
    return render(
        request,
        "contacts/contact_detail.html",
        {
            "person": person,
            "points": points,
            "point_form": ContactPointForm(),
            "relationship_form": RelationshipForm(actor=request.actor),
            "can_edit": permitted(request.actor, person, "change")["change"],
            "picture_form": PictureForm(),
            "history": selectors.contact_history(actor=request.actor, person=person),
        },
    )


def _back(person_pk: int) -> HttpResponse:
    return redirect("contacts:contact_detail", pk=person_pk)


@html_errors
@require_POST
def contact_delete(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(actor=request.actor, pk=pk)
    try:
        services.contact_delete(actor=request.actor, person=person)
    except DomainError as error:
        _flash(request, error)
        return _back(pk)
    messages.success(request, _("Contact “%s” deleted.") % person.full_name)
    return redirect("contacts:contact_list")


@html_errors
@require_POST
def contact_favorite(request: HttpRequest, pk: int) -> HttpResponse:
    """CON-6: the HTMX star toggles in place; without HTMX it redirects back."""
    person = selectors.person_get(actor=request.actor, pk=pk)
    favorite = services.favorite_set(
        actor=request.actor, person=person, favorite=request.POST.get("favorite") == "1"
    )
    if getattr(request, "htmx", False):
        return render(
            request, "contacts/_favorite.html", {"person": person, "is_favorite": favorite}
        )
    return redirect_next(request, "contacts:contact_list")


@html_errors
def contact_picture(request: HttpRequest, pk: int) -> FileResponse:
    """CON-5: the picture is served only to users who may see the contact."""
    person = selectors.person_get(actor=request.actor, pk=pk)
    if not person.picture:
        raise Http404
    response = FileResponse(person.picture.open("rb"))
    response["Cache-Control"] = "private, max-age=300"
    return response


@html_errors
@require_POST
def contact_picture_upload(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(actor=request.actor, pk=pk)
    form = PictureForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, _("Choose a picture to upload."))
        return _back(pk)
    try:
        services.contact_set_picture(
            actor=request.actor, person=person, upload=form.cleaned_data["picture"]
        )
        messages.success(request, _("Picture saved."))
    except DomainError as error:
        _flash(request, error)
    return _back(pk)


@html_errors
@require_POST
def contact_point_add(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.person_get(actor=request.actor, pk=pk)
    form = ContactPointForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the contact point values."))
        return _back(pk)
    data = dict(form.cleaned_data)
    kind, purpose, primary = data.pop("kind"), data.pop("purpose"), data.pop("is_primary")
    try:
        services.contact_point_add(
            actor=request.actor,
            person=person,
            kind=kind,
            purpose=purpose,
            is_primary=primary,
            **data,
        )
        messages.success(request, _("Contact point added."))
    except DomainError as error:
        _flash(request, error)
    return _back(pk)


@html_errors
@require_POST
def contact_point_primary(request: HttpRequest, pk: int) -> HttpResponse:
    point = selectors.contact_point_get(actor=request.actor, pk=pk)
    services.contact_point_make_primary(actor=request.actor, point=point)
    return _back(point.person_id)


@html_errors
@require_POST
def contact_point_delete(request: HttpRequest, pk: int) -> HttpResponse:
    point = selectors.contact_point_get(actor=request.actor, pk=pk)
    services.contact_point_delete(actor=request.actor, point=point)
    messages.success(request, _("Contact point deleted."))
    return _back(point.person_id)


@html_errors
@require_POST
def preference_add(request: HttpRequest, pk: int) -> HttpResponse:
    """CON-9/CON-10: Do / Do Not with a reason and a period."""
    point = selectors.contact_point_get(actor=request.actor, pk=pk)
    form = PreferenceForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Check the preference values."))
        return _back(point.person_id)
    try:
        services.preference_add(actor=request.actor, point=point, **form.cleaned_data)
        messages.success(request, _("Preference saved."))
    except DomainError as error:
        _flash(request, error)
    return _back(point.person_id)


@html_errors
@require_POST
def preference_delete(request: HttpRequest, pk: int) -> HttpResponse:
    preference = selectors.preference_get(actor=request.actor, pk=pk)
    person_pk = selectors.contact_point_get(
        actor=request.actor, pk=preference.contact_point_id
    ).person_id
    try:
        services.preference_delete(actor=request.actor, preference=preference)
    except DomainError as error:
        _flash(request, error)
    return _back(person_pk)


@html_errors
@require_POST
def relationship_add(request: HttpRequest, pk: int) -> HttpResponse:
    """CON-12: relate the contact to a customer or to another contact."""
    person = selectors.person_get(actor=request.actor, pk=pk)
    form = RelationshipForm(request.POST, actor=request.actor)
    if not form.is_valid():
        messages.error(request, _("Check the relationship values."))
        return _back(pk)
    data = form.cleaned_data
    try:
        account = (
            selectors.account_get(actor=request.actor, pk=data["account"])
            if data["account"]
            else None
        )
        related = (
            selectors.person_get(actor=request.actor, pk=data["related_person"])
            if data["related_person"]
            else None
        )
        services.relationship_add(
            actor=request.actor,
            person=person,
            account=account,
            related_person=related,
            relationship_type=data["relationship_type"],
            job_title=data["job_title"],
        )
        messages.success(request, _("Relationship added."))
    except DomainError as error:
        _flash(request, error)
    return _back(pk)


@html_errors
@require_POST
def relationship_delete(request: HttpRequest, pk: int) -> HttpResponse:
    relationship = selectors.relationship_get(actor=request.actor, pk=pk)
    services.relationship_delete(actor=request.actor, relationship=relationship)
    messages.success(request, _("Relationship removed."))
    return _back(relationship.person_id)


@html_errors
@require_POST
def relationship_primary_point(request: HttpRequest, pk: int) -> HttpResponse:
    """CON-4: pin a contact point as primary for one customer relationship."""
    relationship = selectors.relationship_get(actor=request.actor, pk=pk)
    try:
        point = selectors.contact_point_get(actor=request.actor, pk=request.POST.get("point"))
        services.relationship_set_primary_point(
            actor=request.actor, relationship=relationship, contact_point=point
        )
        messages.success(request, _("Primary contact point for this customer saved."))
    except DomainError as error:
        _flash(request, error)
    return _back(relationship.person_id)


def contact_pick(request: HttpRequest) -> HttpResponse:
    """Matches for a contact picker: visible, active contacts (TEAM-5)."""
    field = request.GET.get("field", "")
    text = request.GET.get(f"{field}{SEARCH_SUFFIX}", "") or request.GET.get("q", "")
    persons = selectors.contact_pick(actor=request.actor, q=text, limit=PICK_LIMIT)
    matches = [{"pk": p.pk, "label": p.full_name, "detail": p.job_title} for p in persons]
    return render(
        request, "customers/_pick_results.html", {"matches": matches, "searched": bool(text)}
    )


# The customer's contacts -------------------------------------------------------

ACCOUNT_CONTACT_COLUMNS = [
    (gettext_lazy("First name"), lambda r: r.person.first_name),
    (gettext_lazy("Last name"), lambda r: r.person.last_name),
    (gettext_lazy("Relationship"), lambda r: r.get_relationship_type_display()),
    (gettext_lazy("Job title"), lambda r: r.job_title or r.person.job_title),
    (gettext_lazy("E-mail"), lambda r: r.person.primary_email),
    (gettext_lazy("Phone"), lambda r: r.person.primary_phone),
    (gettext_lazy("Key contact"), lambda r: r.person.is_key_contact),
    (gettext_lazy("Primary contact"), lambda r: r.is_primary_contact),
]


@html_errors
def account_contacts(request: HttpRequest, pk: int) -> HttpResponse:
    """CON-3: the customer's contacts page, where its primary contact is set."""
    account = selectors.account_get(actor=request.actor, pk=pk)
    if request.method == "POST":
        try:
            person_pk = request.POST.get("person")
            person = selectors.person_get(actor=request.actor, pk=person_pk) if person_pk else None
            services.account_set_primary_contact(
                actor=request.actor, account=account, person=person
            )
            messages.success(request, _("Primary contact saved."))
        except DomainError as error:
            _flash(request, error)
        return redirect("contacts:account_contacts", pk=pk)
    rows = selectors.account_contact_list(actor=request.actor, account=account)
    export = export_requested(
        request, rows, ACCOUNT_CONTACT_COLUMNS, f"account-{account.pk}-contacts"
    )
    if export is not None:
        return export
    page_obj = read_page(rows, page_number(request.GET.get("page")))
    return render(
        request,
        "contacts/account_contacts.html",
        {"account": account, "page_obj": page_obj, "rows": page_obj.object_list},
    )
