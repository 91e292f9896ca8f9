"""Forms of the order pages: a fulfilment report, a line added to a pending
order, and an installed asset modified."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openprm.core.forms import VersionedForm
from openprm.orders.models import FulfilmentStatus


class FulfilmentForm(forms.Form):
    """One line's new status; no line means every line of the order."""

    line_id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    status = forms.ChoiceField(label=_("Fulfilment"), choices=FulfilmentStatus.choices)


class LineAddForm(VersionedForm):
    """A line added to a pending order or revision: a product of the
    caller's offer, how many, and under which bundle line."""

    product = forms.IntegerField(label=_("Product"), min_value=1)
    quantity = forms.DecimalField(label=_("Quantity"), initial=1, max_digits=12, decimal_places=3)
    parent = forms.IntegerField(label=_("In bundle line"), required=False, min_value=1)
    options = forms.CharField(label=_("Option products (ids)"), required=False, max_length=200)

    def option_ids(self) -> list[int]:
        text = self.cleaned_data.get("options") or ""
        return [int(part) for part in text.replace(",", " ").split() if part.isdigit()]


class AssetModifyForm(forms.Form):
    """ORD-9: an installed asset's new quantity and the options it keeps or
    gains (the options of its product)."""

    quantity = forms.DecimalField(label=_("Quantity"), max_digits=12, decimal_places=3)
    options = forms.TypedMultipleChoiceField(
        label=_("Options"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, options: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["options"].choices = options
