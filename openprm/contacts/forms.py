"""HTML forms of the contacts pages. They only collect input: every rule is
checked again by the services they feed."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openprm.contacts.catalog import REASON_CODE, SALUTATION
from openprm.contacts.models import ContactPoint, ContactPreference, Person, Relationship
from openprm.contacts.selectors import contact_pick, contact_pick_label
from openprm.core.actor import Actor
from openprm.core.customfields.forms import CustomFieldsFormMixin
from openprm.core.lookups.selectors import lookup_choices
from openprm.core.widgets import CountryChoiceField
from openprm.customers.forms import bind_account_picker
from openprm.customers.pickers import PickerField


def bind_contact_picker(field: Any, actor: Actor) -> None:
    """Scope a contact PickerField to the contacts `actor` sees (TEAM-5)."""
    field.bind(
        pick=lambda text, limit: contact_pick(actor=actor, q=text, limit=limit),
        label=lambda pk: contact_pick_label(actor=actor, pk=pk),
    )


def account_picker(label: Any) -> PickerField:
    return PickerField(
        label=label,
        url_name="customers:account_pick",
        help_text=_("Type the start of its name and choose it, or type its account number."),
    )


def contact_picker(label: Any, **kwargs: Any) -> PickerField:
    kwargs.setdefault(
        "help_text", _("Type the start of the name and choose, or type the contact number.")
    )
    return PickerField(label=label, url_name="contacts:contact_pick", **kwargs)


class ContactFilterForm(forms.Form):
    saved_search = forms.ChoiceField(label=_("Search"), required=False)
    q = forms.CharField(label=_("Name"), required=False, max_length=100)
    email = forms.CharField(label=_("E-mail"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Any")), *Person.Kind.choices]
    )
    key_contact = forms.NullBooleanField(
        label=_("Key contact"),
        required=False,
        widget=forms.Select(choices=[("", _("Any")), ("true", _("Yes")), ("false", _("No"))]),
    )

    def __init__(self, *args: Any, searches: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["saved_search"].choices = [("", _("All Contacts")), *searches]


class ContactForm(CustomFieldsFormMixin, forms.Form):
    record_type = Person.record_type

    salutation = forms.ChoiceField(label=_("Salutation"), required=False)
    first_name = forms.CharField(label=_("First name"), required=False, max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=Person.Kind.choices)
    job_title = forms.CharField(label=_("Job title"), required=False, max_length=120)
    is_key_contact = forms.BooleanField(label=_("Key contact"), required=False)

    def __init__(self, *args: Any, custom: dict[str, Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["salutation"].choices = [("", "—"), *lookup_choices(SALUTATION)]  # type: ignore[attr-defined]
        self.add_custom_fields(custom)


class ContactEditForm(ContactForm):
    """PLAT-6: an edit carries the version it was made from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ContactCreateForm(ContactForm):
    email = forms.CharField(label=_("E-mail"), required=False, max_length=254)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    account = account_picker(_("Customer"))

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bind_account_picker(self.fields["account"], actor)


class ContactPointForm(forms.Form):
    kind = forms.ChoiceField(label=_("Type"), choices=ContactPoint.Kind.choices)
    purpose = forms.ChoiceField(label=_("Purpose"), choices=ContactPoint.Purpose.choices)
    phone = forms.CharField(label=_("Phone"), required=False, max_length=40)
    email = forms.CharField(label=_("E-mail"), required=False, max_length=254)
    address_line1 = forms.CharField(label=_("Address"), required=False, max_length=200)
    city = forms.CharField(label=_("City"), required=False, max_length=100)
    region = forms.CharField(label=_("Region/state"), required=False, max_length=100)
    postal_code = forms.CharField(label=_("Postal code"), required=False, max_length=20)
    country = CountryChoiceField(label=_("Country"), required=False)
    is_primary = forms.BooleanField(label=_("Primary"), required=False)


class PreferenceForm(forms.Form):
    preference = forms.ChoiceField(label=_("Preference"), choices=ContactPreference.Choice.choices)
    reason_code = forms.ChoiceField(label=_("Reason"))
    start_date = forms.DateField(
        label=_("Start date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    end_date = forms.DateField(
        label=_("End date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason_code"].choices = lookup_choices(REASON_CODE)


class RelationshipForm(forms.Form):
    account = account_picker(_("Customer"))
    related_person = contact_picker(
        _("Related contact"), help_text=_("Either a customer or another contact.")
    )
    relationship_type = forms.ChoiceField(
        label=_("Relationship"), choices=Relationship.Type.choices
    )
    job_title = forms.CharField(
        label=_("Job title at the customer"), required=False, max_length=120
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bind_account_picker(self.fields["account"], actor)
        bind_contact_picker(self.fields["related_person"], actor)


class PictureForm(forms.Form):
    picture = forms.FileField(label=_("Picture"), help_text=_("JPEG, PNG or WebP, at most 2 MB."))


class NameForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)


class HouseholdMemberForm(forms.Form):
    person = contact_picker(_("Contact"), required=True)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        bind_contact_picker(self.fields["person"], actor)
