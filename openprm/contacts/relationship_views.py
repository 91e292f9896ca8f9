"""Relationships: a contact's buttons (CON-12, CON-4) and the customer's
contacts page, where its primary contact is set (CON-3)."""

from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from openprm.contacts import selectors, services, tables
from openprm.contacts.forms import RelationshipForm
from openprm.contacts.models import Person, Relationship
from openprm.contacts.page_actions import ContactAction, contact_url
from openprm.core.errors import DomainError
from openprm.core.views.editing import refusal_text
from openprm.core.views.generic import RecordList
from openprm.customers.models import Account


class RelationshipAdd(ContactAction):
    """CON-12: relate the contact to a customer or to another contact."""

    model = Person
    action = "change"
    form_class = RelationshipForm
    invalid_message = gettext_lazy("Check the relationship values.")
    success_message = gettext_lazy("Relationship added.")

    def record(self, pk: int) -> Person:
        return selectors.person_get(actor=self.actor, pk=pk)

    def form_kwargs(self, record: Person) -> dict[str, Any]:
        return {"actor": self.actor}

    def perform(self, record: Person, form: Any) -> None:
        data = form.cleaned_data
        account = (
            selectors.account_get(actor=self.actor, pk=data["account"]) if data["account"] else None
        )
        related = (
            selectors.person_get(actor=self.actor, pk=data["related_person"])
            if data["related_person"]
            else None
        )
        services.relationship_add(
            actor=self.actor,
            person=record,
            account=account,
            related_person=related,
            relationship_type=data["relationship_type"],
            job_title=data["job_title"],
        )

    def success_url(self, record: Person) -> str:
        return contact_url(record.pk)


class RelationshipDelete(ContactAction):
    model = Relationship
    action = "delete"
    refusals_to_page = True
    success_message = gettext_lazy("Relationship removed.")

    def record(self, pk: int) -> Relationship:
        return selectors.relationship_get(actor=self.actor, pk=pk)

    def perform(self, record: Relationship, form: Any) -> None:
        services.relationship_delete(actor=self.actor, relationship=record)

    def success_url(self, record: Relationship) -> str:
        return contact_url(record.person_id)


class RelationshipPrimaryPoint(ContactAction):
    """CON-4: pin a contact point as primary for one customer relationship."""

    model = Relationship
    action = "change"
    success_message = gettext_lazy("Primary contact point for this customer saved.")

    def record(self, pk: int) -> Relationship:
        return selectors.relationship_get(actor=self.actor, pk=pk)

    def perform(self, record: Relationship, form: Any) -> None:
        point = selectors.contact_point_get(actor=self.actor, pk=self.request.POST.get("point"))
        services.relationship_set_primary_point(
            actor=self.actor, relationship=record, contact_point=point
        )

    def success_url(self, record: Relationship) -> str:
        return contact_url(record.person_id)


class AccountContacts(RecordList):
    """CON-3: the customer's contacts, its primary contact first; the form
    of each row makes that contact the primary one (or clears it). The page
    is the account's (its tab), so it declares the account."""

    model = Account
    spec = tables.ACCOUNT_CONTACTS
    template_name = "contacts/account_contacts.html"

    def context(self, **scope: Any) -> dict[str, Any]:
        return {"account": selectors.account_get(actor=self.actor, pk=scope["account_id"])}

    def post(self, request: HttpRequest, account_id: int) -> HttpResponse:
        account = selectors.account_get(actor=self.actor, pk=account_id)
        try:
            person_pk = request.POST.get("person")
            person = selectors.person_get(actor=self.actor, pk=person_pk) if person_pk else None
            services.account_set_primary_contact(actor=self.actor, account=account, person=person)
        except DomainError as error:
            messages.error(request, refusal_text(error))
        else:
            messages.success(request, _("Primary contact saved."))
        return redirect("contacts:account_contacts", account_id=account_id)
