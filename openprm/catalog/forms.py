"""The catalog's forms: products (Manage Products), bundle components,
options and attributes, price lists and their items (Manage Price Lists)."""

from decimal import Decimal
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openprm.catalog.models import ChargeType, ComponentRole, PriceListAudience, ProductType

DATE = forms.DateInput(attrs={"type": "date"})


class ProductForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=40, help_text=_("Unique; order lines quote it.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    family = forms.CharField(label=_("Product family"), max_length=80, required=False)
    type = forms.ChoiceField(label=_("Type"), choices=ProductType.choices)
    charge_type = forms.ChoiceField(label=_("Charge"), choices=ChargeType.choices)
    unit = forms.CharField(label=_("Unit"), max_length=20, initial="each")
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    is_orderable = forms.BooleanField(label=_("Orderable on its own"), required=False, initial=True)
    active_from = forms.DateField(label=_("Active from"), required=False, widget=DATE)
    active_to = forms.DateField(label=_("Active to"), required=False, widget=DATE)
    is_active = forms.BooleanField(
        label=_("Active: can be put on new registrations, deals and orders"),
        required=False,
        initial=True,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)


class ComponentForm(forms.Form):
    """ORD-8: a part of a bundle with how many a configuration takes."""

    product = forms.ModelChoiceField(label=_("Product"), queryset=None)  # type: ignore[arg-type]
    role = forms.ChoiceField(label=_("Role"), choices=ComponentRole.choices)
    min_quantity = forms.IntegerField(label=_("Minimum"), min_value=0, max_value=32767, initial=0)
    max_quantity = forms.IntegerField(label=_("Maximum"), min_value=1, max_value=32767, initial=1)
    discount_percent = forms.DecimalField(
        label=_("Discount in the bundle (%)"),
        min_value=Decimal(0),
        max_value=Decimal(100),
        max_digits=5,
        decimal_places=2,
        initial=0,
    )

    def __init__(self, *args: Any, products: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products  # type: ignore[attr-defined]


class OptionForm(forms.Form):
    option = forms.ModelChoiceField(label=_("Option"), queryset=None)  # type: ignore[arg-type]

    def __init__(self, *args: Any, options: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["option"].queryset = options  # type: ignore[attr-defined]


class AttributeForm(forms.Form):
    name = forms.CharField(label=_("Attribute"), max_length=60, help_text=_("Colour, storage…"))
    value = forms.CharField(label=_("Value"), max_length=200)


class PriceListForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=120)
    currency = forms.CharField(label=_("Currency"), max_length=3, initial="EUR")
    audience = forms.ChoiceField(label=_("Audience"), choices=PriceListAudience.choices)
    tier_id = forms.TypedChoiceField(
        label=_("Partner tier"), coerce=int, required=False, empty_value=None
    )
    customer_id = forms.IntegerField(
        label=_("Customer account ID"),
        min_value=1,
        required=False,
        help_text=_("For a customer price list: the ID of the account it applies to."),
    )
    active_from = forms.DateField(label=_("Active from"), required=False, widget=DATE)
    active_to = forms.DateField(label=_("Active to"), required=False, widget=DATE)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, tiers: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tier_id"].choices = [("", "—"), *tiers]  # type: ignore[attr-defined]

    def values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class ItemForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=None)  # type: ignore[arg-type]
    one_time_price = forms.DecimalField(
        label=_("One-time price"), min_value=Decimal(0), max_digits=12, decimal_places=2, initial=0
    )
    monthly_price = forms.DecimalField(
        label=_("Monthly price"), min_value=Decimal(0), max_digits=12, decimal_places=2, initial=0
    )

    def __init__(self, *args: Any, products: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["product"].queryset = products  # type: ignore[attr-defined]
