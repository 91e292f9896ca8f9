"""Contact pages: the list with its saved searches, detail, create with the
duplicate step, edit, delete, picture and favorite. Every rule is the
services' and the selectors'; the page shapes are the generic views'."""

from typing import Any

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openprm.contacts import selectors, services, tables
from openprm.contacts.filters import CUSTOM_PREFIX, ContactFilter
from openprm.contacts.forms import (
    ContactCreateForm,
    ContactEditForm,
    ContactFilterForm,
    ContactPointForm,
    PictureForm,
    PreferenceForm,
    RelationshipForm,
)
from openprm.contacts.models import Person, SavedSearch
from openprm.contacts.page_actions import ContactAction, contact_url
from openprm.contacts.policies.edit_rules import person_get_for_edit
from openprm.core.errors import DomainError
from openprm.core.redirects import redirect_next
from openprm.core.views.editing import RecordForm, refusal_text
from openprm.core.views.generic import RecordDetail, RecordList
from openprm.core.views.web import html_errors
from openprm.customers.pickers import PICK_LIMIT, pick_results, picked_text

EDITED_FIELDS = ("salutation", "first_name", "last_name", "kind", "job_title", "is_key_contact")


class ContactList(RecordList):
    """CON-7: a first visit opens My Contacts; the saved searches are listed
    beside the contacts and the current filters can be saved as one. CON-8:
    All Contacts without a term of two characters says so on the page."""

    model = Person
    spec = tables.CONTACTS
    template_name = "contacts/contact_list.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        searches = list(selectors.saved_search_list(actor=self.actor))
        try:
            search = selectors.chosen_saved_search(actor=self.actor, params=self.request.GET)
        except DomainError:
            raise Http404 from None
        form = ContactFilterForm(
            self.request.GET or None,
            searches=[(str(s.pk), s.name) for s in searches],
            initial={"saved_search": str(search.pk) if search else ""},
        )
        return {
            "form": form,
            "search": search,
            "searches": searches,
            "can_save": search is None or not search.predefined,
        }


@html_errors
@require_POST
def saved_search_create(request: HttpRequest) -> HttpResponse:
    """Save the filters of the list under a name (CON-7)."""
    criteria = {
        k: v
        for k, v in request.POST.items()
        if (k in ContactFilter.model_fields or k.startswith(CUSTOM_PREFIX)) and v
    }
    try:
        search = services.saved_search_create(
            actor=request.actor, name=request.POST.get("name", ""), criteria=criteria
        )
    except DomainError as error:
        messages.error(request, refusal_text(error))
        return redirect("contacts:contact_list")
    messages.success(request, _("Saved search “%s” created.") % search.name)
    return redirect(f"{reverse('contacts:contact_list')}?saved_search={search.pk}")


class SavedSearchDelete(ContactAction):
    """CON-7: the predefined searches refuse, with a message."""

    model = SavedSearch
    action = "delete"
    success_message = gettext_lazy("Saved search deleted.")

    def record(self, pk: int) -> SavedSearch:
        return selectors.saved_search_get(actor=self.actor, pk=pk)

    def perform(self, record: SavedSearch, form: Any) -> None:
        services.saved_search_delete(actor=self.actor, search=record)

    def success_url(self, record: SavedSearch) -> str:
        return reverse("contacts:contact_list")


class ContactCreate(RecordForm):
    """CON-2: a create that finds similar contacts shows them; the user opens
    one of them or confirms with "Create anyway"."""

    model = Person
    action = "create"
    form_class = ContactCreateForm
    template_name = "contacts/contact_form.html"
    success_message = gettext_lazy("Contact “%(name)s” created.")

    def form_kwargs(self, record: Any) -> dict[str, Any]:
        initial = {"account": self.request.GET.get("account"), "kind": Person.Kind.B2B}
        return {"actor": self.actor, "initial": initial}

    def apply(self, form: Any, record: Any) -> Person:
        data = form.cleaned_data
        return services.contact_create(
            actor=self.actor,
            salutation=data["salutation"],
            first_name=data["first_name"],
            last_name=data["last_name"],
            kind=data["kind"],
            job_title=data["job_title"],
            is_key_contact=data["is_key_contact"],
            email=data["email"],
            phone=data["phone"],
            account_ids=[data["account"]] if data["account"] else [],
            custom=form.custom_values(),
            confirm_duplicates=self.request.POST.get("confirm_duplicates") == "on",
        )

    def success_url(self, saved: Person) -> str:
        return contact_url(saved.pk)


class ContactEdit(RecordForm):
    """TEAM-2: View Only users get the 403 page naming what editing needs.
    PLAT-6: the edit carries its version; a stale one shows the stored
    values."""

    model = Person
    action = "change"
    form_class = ContactEditForm
    template_name = "contacts/contact_form.html"
    context_object_name = "person"
    success_message = gettext_lazy("Contact saved.")

    def record(self, pk: int) -> Person:
        return person_get_for_edit(self.actor, pk)

    def form_kwargs(self, record: Person) -> dict[str, Any]:
        initial = {name: getattr(record, name) for name in EDITED_FIELDS}
        return {"initial": {**initial, "version": record.version}, "custom": record.custom}

    def apply(self, form: Any, record: Person) -> Person:
        changes = {name: form.cleaned_data[name] for name in EDITED_FIELDS}
        changes["custom"] = form.custom_values()
        services.contact_update(
            actor=self.actor,
            person=record,
            changes=changes,
            expected_version=form.cleaned_data["version"],
        )
        return record

    def success_url(self, saved: Person) -> str:
        return contact_url(saved.pk)


class ContactDetail(RecordDetail):
    """The contact with its points (CON-9: a Do Not Contact phone cannot be
    called), relationships (CON-12) and history (PLAT-5); the forms, and
    the buttons of its points, preferences and relationships (parts of the
    contact: their policies ask its change rule), are offered only to those
    who may change it (TEAM-2)."""

    model = Person
    template_name = "contacts/contact_detail.html"
    context_object_name = "person"
    actions = ("change",)

    def record(self, pk: int) -> Person:
        return selectors.contact_get(actor=self.actor, pk=pk)

    def tab_context(self, record: Person, tab: str) -> dict[str, Any]:
        today = timezone.localdate()
        points = list(record.contact_points.all())
        for point in points:
            point.restriction = point.restriction_on(today)
            point.preference_form = PreferenceForm(auto_id=f"id_pref{point.pk}_%s")
        return {
            "points": points,
            "point_form": ContactPointForm(),
            "relationship_form": RelationshipForm(actor=self.actor),
            "picture_form": PictureForm(),
            "history": selectors.contact_history(
                actor=self.actor, person=record, relationships=record.relationships.all()
            ),
        }


class ContactDelete(ContactAction):
    """CON-11: a refused delete says why on the contact's page."""

    model = Person
    action = "delete"
    success_message = gettext_lazy("Contact “%(name)s” deleted.")

    def record(self, pk: int) -> Person:
        return selectors.person_get(actor=self.actor, pk=pk)

    def perform(self, record: Person, form: Any) -> None:
        services.contact_delete(actor=self.actor, person=record)

    def success_url(self, record: Person) -> str:
        return reverse("contacts:contact_list")

    def refused_url(self, record: Person) -> str:
        return contact_url(record.pk)


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


class ContactPictureUpload(ContactAction):
    """CON-5: JPEG, PNG or WebP, at most 2 MB."""

    model = Person
    action = "change"
    form_class = PictureForm
    invalid_message = gettext_lazy("Choose a picture to upload.")
    success_message = gettext_lazy("Picture saved.")

    def record(self, pk: int) -> Person:
        return selectors.person_get(actor=self.actor, pk=pk)

    def perform(self, record: Person, form: Any) -> None:
        services.contact_set_picture(
            actor=self.actor, person=record, upload=form.cleaned_data["picture"]
        )

    def success_url(self, record: Person) -> str:
        return contact_url(record.pk)


def contact_pick(request: HttpRequest) -> HttpResponse:
    """Matches for a contact picker: visible, active contacts (TEAM-5)."""
    text = picked_text(request)
    persons = selectors.contact_pick(actor=request.actor, q=text, limit=PICK_LIMIT)
    matches = [{"pk": p.pk, "label": p.full_name, "detail": p.job_title} for p in persons]
    return pick_results(request, text, matches)
