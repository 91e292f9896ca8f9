"""The product form (Manage Products)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ProductForm(forms.Form):
    code = forms.CharField(
        label=_("Code"), max_length=40, help_text=_("Unique; order lines quote it.")
    )
    name = forms.CharField(label=_("Name"), max_length=200)
    family = forms.CharField(label=_("Product family"), max_length=80, required=False)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    is_active = forms.BooleanField(
        label=_("Active: can be put on new registrations, deals and orders"),
        required=False,
        initial=True,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)
