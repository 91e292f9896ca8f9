"""The buttons of a contact's points (CON-4) and their Do / Do Not
preferences (CON-9, CON-10), each back on the contact's page."""

from typing import Any

from django.utils.translation import gettext_lazy

from openprm.contacts import selectors, services
from openprm.contacts.forms import ContactPointForm, PreferenceForm
from openprm.contacts.models import ContactPoint, ContactPreference, Person
from openprm.contacts.page_actions import ContactAction, contact_url


class ContactPointAdd(ContactAction):
    model = Person
    action = "change"
    form_class = ContactPointForm
    invalid_message = gettext_lazy("Check the contact point values.")
    success_message = gettext_lazy("Contact point added.")

    def record(self, pk: int) -> Person:
        return selectors.person_get(actor=self.actor, pk=pk)

    def perform(self, record: Person, form: Any) -> None:
        values = dict(form.cleaned_data)
        kind, purpose, primary = values.pop("kind"), values.pop("purpose"), values.pop("is_primary")
        services.contact_point_add(
            actor=self.actor,
            person=record,
            kind=kind,
            purpose=purpose,
            is_primary=primary,
            **values,
        )

    def success_url(self, record: Person) -> str:
        return contact_url(record.pk)


class ContactPointPrimary(ContactAction):
    """CON-4: the contact's primary point of its kind."""

    model = ContactPoint
    action = "change"
    refusals_to_page = True

    def record(self, pk: int) -> ContactPoint:
        return selectors.contact_point_get(actor=self.actor, pk=pk)

    def perform(self, record: ContactPoint, form: Any) -> None:
        services.contact_point_make_primary(actor=self.actor, point=record)

    def success_url(self, record: ContactPoint) -> str:
        return contact_url(record.person_id)


class ContactPointDelete(ContactPointPrimary):
    action = "delete"
    success_message = gettext_lazy("Contact point deleted.")

    def perform(self, record: ContactPoint, form: Any) -> None:
        services.contact_point_delete(actor=self.actor, point=record)


class PreferenceAdd(ContactAction):
    """CON-9/CON-10: Do / Do Not with a reason and a period."""

    model = ContactPoint
    action = "change"
    form_class = PreferenceForm
    invalid_message = gettext_lazy("Check the preference values.")
    success_message = gettext_lazy("Preference saved.")

    def record(self, pk: int) -> ContactPoint:
        return selectors.contact_point_get(actor=self.actor, pk=pk)

    def perform(self, record: ContactPoint, form: Any) -> None:
        services.preference_add(actor=self.actor, point=record, **form.cleaned_data)

    def success_url(self, record: ContactPoint) -> str:
        return contact_url(record.person_id)


class PreferenceDelete(ContactAction):
    model = ContactPreference
    action = "delete"
    point: ContactPoint

    def record(self, pk: int) -> ContactPreference:
        """The preference and, read through its selector, its point: the
        page to come back to."""
        preference = selectors.preference_get(actor=self.actor, pk=pk)
        self.point = selectors.contact_point_get(actor=self.actor, pk=preference.contact_point_id)
        return preference

    def perform(self, record: ContactPreference, form: Any) -> None:
        services.preference_delete(actor=self.actor, preference=record)

    def success_url(self, record: ContactPreference) -> str:
        return contact_url(self.point.person_id)
