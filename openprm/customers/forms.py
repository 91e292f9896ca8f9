"""Forms of the account pages: they parse input, the services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.customfields.forms import CustomFieldsFormMixin
from openprm.core.forms import UserChoiceField
from openprm.core.lookups.selectors import lookup_choices
from openprm.core.widgets import CountryChoiceField
from openprm.customers.models import Account, BillingAccount, LegalEntity
from openprm.customers.pickers import PickerField
from openprm.customers.selectors import (
    account_pick,
    account_pick_label,
    legal_entity_list,
    owner_choices,
)

SERVICE_FIELDS = (
    "name",
    "account_type",
    "industry",
    "size",
    "annual_revenue",
    "currency",
    "named",
    "existing",
    "competitor_info",
    "phone",
    "website",
    "tax_id",
    "address_line1",
    "address_line2",
    "city",
    "region",
    "postal_code",
    "country",
)


def bind_account_picker(field: Any, actor: Actor) -> None:
    """Scope an account PickerField to what `actor` sees (CUS-9, TEAM-5)."""
    field.bind(
        pick=lambda text, limit: account_pick(actor=actor, q=text, limit=limit),
        label=lambda pk: account_pick_label(actor=actor, pk=pk),
    )


class AccountForm(CustomFieldsFormMixin, forms.Form):
    """CUS-2/4/5 fields plus the account's custom fields (PLAT-7)."""

    record_type = Account.record_type

    name = forms.CharField(label=_("Name"), max_length=200)
    account_type = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("Default for new accounts")), *Account.AccountType.choices],
        required=False,
    )
    owner = UserChoiceField(
        label=_("Owner"), queryset=owner_choices(), required=False, empty_label="—"
    )
    parent_id = PickerField(
        label=_("Parent account"),
        url_name="customers:account_pick",
        help_text=_("Type the start of its name and choose it, or type its account number."),
    )
    legal_entity = forms.ModelChoiceField(
        label=_("Legal entity"),
        queryset=LegalEntity.objects.none(),
        required=False,
        empty_label="—",
    )
    industry = forms.ChoiceField(label=_("Industry"), required=False)
    size = forms.ChoiceField(label=_("Size"), required=False)
    annual_revenue = forms.DecimalField(
        label=_("Annual revenue"), max_digits=16, decimal_places=2, required=False
    )
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    named = forms.BooleanField(label=_("Named account"), required=False)
    existing = forms.BooleanField(label=_("Existing customer"), required=False)
    competitor_info = forms.CharField(
        label=_("Competitor information"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("For competitors: strengths, pricing, products."),
    )
    phone = forms.CharField(
        label=_("Phone"),
        max_length=40,
        required=False,
        help_text=_("A national number is read in the account's country."),
    )
    website = forms.CharField(
        label=_("Web site"), max_length=200, required=False, help_text=_("Such as www.example.com.")
    )
    tax_id = forms.CharField(
        label=_("Tax ID"), max_length=40, required=False, help_text=_("VAT or tax number.")
    )
    address_line1 = forms.CharField(label=_("Address line 1"), max_length=200, required=False)
    address_line2 = forms.CharField(label=_("Address line 2"), max_length=200, required=False)
    city = forms.CharField(label=_("City"), max_length=100, required=False)
    region = forms.CharField(label=_("Region / state"), max_length=100, required=False)
    postal_code = forms.CharField(label=_("Postal code"), max_length=20, required=False)
    country = CountryChoiceField(label=_("Country"), required=False)

    def __init__(
        self, *args: Any, actor: Actor, account: Account | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        bind_account_picker(self.fields["parent_id"], actor)
        self.fields["legal_entity"].queryset = legal_entity_list(actor=actor)  # type: ignore[attr-defined]
        self.fields["industry"].choices = [("", "—"), *lookup_choices("INDUSTRY")]  # type: ignore[attr-defined]
        self.fields["size"].choices = [("", "—"), *lookup_choices("ACCOUNT_SIZE")]  # type: ignore[attr-defined]
        if account is not None:
            self.fields["account_type"].choices = Account.AccountType.choices  # type: ignore[attr-defined]
            self.fields["account_type"].required = True
        self.add_custom_fields(account.custom if account is not None else None)

    def service_values(self) -> dict[str, Any]:
        data = self.cleaned_data
        values = {name: data[name] for name in SERVICE_FIELDS}
        values["owner_id"] = data["owner"].pk if data["owner"] else None
        values["legal_entity_id"] = data["legal_entity"].pk if data["legal_entity"] else None
        values["parent_id"] = data["parent_id"]
        return values


class AccountCreateForm(AccountForm):
    confirm_duplicates = forms.BooleanField(
        label=_("Create anyway: this is not one of the similar accounts"),
        required=False,
        widget=forms.HiddenInput,
    )

    def service_values(self) -> dict[str, Any]:
        """No owner chosen: the service makes the creator the owner (CUS-5)."""
        values = super().service_values()
        if values["owner_id"] is None:
            del values["owner_id"]
        return values


class AccountEditForm(AccountForm):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class VersionForm(forms.Form):
    """PLAT-6: every edit carries the version it was made from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class NoteForm(forms.Form):
    text = forms.CharField(label=_("Note"), widget=forms.Textarea(attrs={"rows": 3}))


class BillingAccountForm(forms.Form):
    number = forms.CharField(label=_("Number"), max_length=40)
    name = forms.CharField(label=_("Name"), max_length=200)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="USD")
    status = forms.ChoiceField(label=_("Status"), choices=BillingAccount.Status.choices)


class LegalEntityForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind"), choices=LegalEntity.Kind.choices)
