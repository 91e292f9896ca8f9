"""Forms of the partner pages: they parse input, the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openprm.core.customfields.forms import CustomFieldsFormMixin
from openprm.core.widgets import CountryChoiceField
from openprm.partners.catalog import PARTNER_RECORD_TYPE
from openprm.partners.models import PartnerContact, PartnerProfile, PortalUserType
from openprm.partners.selectors import partner_roles

ACCOUNT_FIELDS = ("name", "industry", "address_line1", "city", "postal_code", "region", "country")


class PartnerForm(CustomFieldsFormMixin, forms.Form):
    """PA-2: no account type field; PLAT-7: the account's custom fields and
    the partner's own both show here."""

    record_type = PARTNER_RECORD_TYPE

    name = forms.CharField(label=_("Name"), max_length=200)
    parent_id = forms.IntegerField(
        label=_("Parent partner (account ID)"), required=False, min_value=1
    )
    industry = forms.CharField(label=_("Industry"), max_length=60, required=False)
    address_line1 = forms.CharField(label=_("Address line 1"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    region = forms.CharField(label=_("Region / state"), max_length=100, required=False)
    country = CountryChoiceField(label=_("Country"), required=False)

    def __init__(self, *args: Any, partner: PartnerProfile | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = {**partner.account.custom, **partner.custom} if partner is not None else None
        self.add_custom_fields(current)

    def service_values(self) -> dict[str, Any]:
        values = {name: self.cleaned_data[name] for name in ACCOUNT_FIELDS}
        values["parent_id"] = self.cleaned_data["parent_id"]
        return values


class PartnerCreateForm(PartnerForm):
    """PA-6: the primary contact is entered with the partner."""

    contact_first_name = forms.CharField(
        label=_("Primary contact first name"), max_length=100, required=False
    )
    contact_last_name = forms.CharField(
        label=_("Primary contact last name"), max_length=100, required=False
    )
    contact_email = forms.EmailField(label=_("Primary contact e-mail"), required=False)
    confirm_duplicates = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def primary_contact(self) -> dict[str, str] | None:
        data = self.cleaned_data
        if not (data["contact_last_name"] or data["contact_first_name"] or data["contact_email"]):
            return None
        return {
            "first_name": data["contact_first_name"],
            "last_name": data["contact_last_name"],
            "email": data["contact_email"],
        }


class PartnerEditForm(PartnerForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


def _role_field(required: bool) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=_("Role"),
        queryset=partner_roles(),
        required=required,
        empty_label=_("Choose a role") if required else "—",
    )


class PartnerContactForm(forms.Form):
    """PC-1: a new person working for the partner."""

    first_name = forms.CharField(label=_("First name"), max_length=100, required=False)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), required=False)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    job_title = forms.CharField(label=_("Job title"), max_length=120, required=False)
    role = _role_field(required=False)
    primary = forms.BooleanField(label=_("Primary contact"), required=False)
    confirm_duplicates = forms.BooleanField(required=False, widget=forms.HiddenInput)

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {k: data[k] for k in ("first_name", "last_name", "email", "phone", "job_title")}
        values["role_id"] = data["role"].pk if data["role"] else None
        return values


class ExistingContactForm(forms.Form):
    """PC-4: an existing contact, by its number; prefixed, as it shares the
    Contacts tab with the new contact's form."""

    prefix = "existing"
    person_id = forms.IntegerField(label=_("Contact number"), min_value=1)
    role = _role_field(required=False)


class PromoteToResourceForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    role = _role_field(required=True)
    manager = forms.ModelChoiceField(
        label=_("Manager"),
        queryset=PartnerContact.objects.none(),
        required=False,
        empty_label=_("— no manager —"),
    )

    def __init__(self, *args: Any, managers: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if managers is not None:
            self.fields["manager"].queryset = managers  # type: ignore[attr-defined]


def _portal_user_types(allowed: str) -> list[tuple[str, Any]]:
    """PRG-13: the user types up to the organization's highest one."""
    if allowed == PortalUserType.POWER:
        return [
            (PortalUserType.STANDARD, PortalUserType.STANDARD.label),
            (PortalUserType.POWER, PortalUserType.POWER.label),
        ]
    return [(PortalUserType.STANDARD, PortalUserType.STANDARD.label)]


class PromoteToUserForm(forms.Form):
    """PC-2: the portal user, of a type up to the partner's highest (PRG-13)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    username = forms.CharField(label=_("User name"), max_length=150)
    email = forms.EmailField(label=_("E-mail for the invitation"))
    portal_user_type = forms.ChoiceField(label=_("User type"), initial=PortalUserType.STANDARD)

    def __init__(self, *args: Any, allowed: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["portal_user_type"].choices = _portal_user_types(allowed)


class ContactRoleForm(forms.Form):
    """PA-6: the role can be changed."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    role = _role_field(required=False)


USER_TYPE_HELP = _("Power users may do more in the portal's commerce sections than standard users.")


class PortalUserForm(forms.Form):
    """PRG-2: the user type a partner administrator gives its users, up to
    the organization's highest (PRG-13)."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    portal_user_type = forms.ChoiceField(
        label=_("User type"), widget=forms.RadioSelect, help_text=USER_TYPE_HELP
    )

    def __init__(self, *args: Any, allowed: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["portal_user_type"].choices = _portal_user_types(allowed)


class PortalInviteForm(forms.Form):
    """PRG-2: a new user of the partner administrator's organization."""

    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(
        label=_("E-mail"), help_text=_("The invitation goes here; it is also the user name.")
    )
    portal_user_type = forms.ChoiceField(
        label=_("User type"),
        widget=forms.RadioSelect,
        initial=PortalUserType.STANDARD,
        help_text=USER_TYPE_HELP,
    )

    def __init__(self, *args: Any, allowed: str, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["portal_user_type"].choices = _portal_user_types(allowed)


class PartnerPortalForm(forms.Form):
    """PRG-13: the brand owner's portal settings of one partner."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    portal_enabled = forms.BooleanField(
        label=_("Portal enabled"),
        required=False,
        help_text=_(
            "Switching it off signs out every user of the organization at once "
            "and refuses their sign-in until it is switched on again."
        ),
    )
    max_portal_user_type = forms.ChoiceField(
        label=_("Highest user type"),
        choices=PortalUserType.choices,
        widget=forms.RadioSelect,
        help_text=_(
            "The partner administrator gives its users this type at most. "
            "Lowering it to standard makes the power users standard."
        ),
    )
    portal_shows_subsidiaries = forms.BooleanField(
        label=_("Users see the subsidiaries' business"),
        required=False,
        help_text=_(
            "The contacts, deal registrations, opportunities, leads and trainings of "
            "the partners below this one in the hierarchy, to see (not to change)."
        ),
    )
