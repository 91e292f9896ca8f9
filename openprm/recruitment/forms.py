"""The recruitment forms: the public application (every field bounded, a
honeypot field people never see), the applicant's answer, and the
channel team's decisions."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openprm.core.lookups.selectors import lookup_choices
from openprm.core.widgets import CountryChoiceField
from openprm.recruitment.catalog import REJECT_REASONS
from openprm.recruitment.models import MESSAGE_MAX

HONEYPOT = "fax_number"


class ApplicationForm(forms.Form):
    company_name = forms.CharField(label=_("Company name"), max_length=200)
    country = CountryChoiceField(label=_("Country"), blank=_("Choose your country"))
    website = forms.CharField(
        label=_("Web site"),
        max_length=200,
        required=False,
        help_text=_("Your domain, e.g. www.example.com."),
    )
    tax_id = forms.CharField(label=_("Tax id"), max_length=40, required=False)
    address_line1 = forms.CharField(label=_("Address"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    first_name = forms.CharField(label=_("First name"), max_length=100)
    last_name = forms.CharField(label=_("Last name"), max_length=100)
    email = forms.EmailField(label=_("E-mail"), max_length=254)
    phone = forms.CharField(label=_("Phone"), max_length=40, required=False)
    message = forms.CharField(
        label=_("Tell us about your business"),
        max_length=MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    fax_number = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    def is_bot(self) -> bool:
        """Only a robot fills the hidden field."""
        return bool(self.cleaned_data.get(HONEYPOT))

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != HONEYPOT}


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Your answer"), max_length=MESSAGE_MAX, widget=forms.Textarea(attrs={"rows": 4})
    )


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class InfoRequestForm(VersionForm):
    message = forms.CharField(
        label=_("What do you need to know?"),
        max_length=MESSAGE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class RejectForm(VersionForm):
    reason = forms.ChoiceField(label=_("Reason"))
    note = forms.CharField(
        label=_("Note to the applicant"),
        max_length=MESSAGE_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["reason"].choices = [  # type: ignore[attr-defined]
            ("", _("Choose a reason")),
            *lookup_choices(REJECT_REASONS),
        ]


class ApproveForm(VersionForm):
    username = forms.CharField(
        label=_("Portal user name"),
        max_length=150,
        required=False,
        help_text=_("The applicant's e-mail when left empty."),
    )


class LinkForm(VersionForm):
    account_id = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class CampaignForm(forms.Form):
    code = forms.SlugField(
        label=_("Code"),
        max_length=40,
        help_text=_("Letters, digits and dashes; the campaign's link carries it."),
    )
    name = forms.CharField(label=_("Name"), max_length=120)
    is_active = forms.BooleanField(
        label=_("Active: applications through its link count for it"),
        required=False,
        initial=True,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
