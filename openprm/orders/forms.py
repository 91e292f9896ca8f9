"""Forms of the order pages: a fulfilment report, a line added to a pending
order, and an installed asset modified."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.forms import VersionedForm
from openprm.customers.pickers import PickerField, RecordPickerWidget
from openprm.orders import line_picks
from openprm.orders.models import FulfilmentStatus, Order


class FulfilmentForm(forms.Form):
    """One line's new status; no line means every line of the order."""

    line_id = forms.IntegerField(required=False, widget=forms.HiddenInput, min_value=1)
    status = forms.ChoiceField(label=_("Fulfilment"), choices=FulfilmentStatus.choices)


def line_options_field() -> forms.TypedMultipleChoiceField:
    return forms.TypedMultipleChoiceField(
        label=_("Options"),
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The options of the product chosen above."),
    )


class LineOptionsForm(forms.Form):
    """The Add a line form's options alone, for the product it names: what
    the form redraws when its product changes (ORD-8)."""

    options = line_options_field()

    def __init__(self, *args: Any, actor: Actor, order: Order, product: object, **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.fields["options"].choices = line_picks.line_option_choices(
            actor=actor, order=order, product_id=product
        )


class LineAddForm(VersionedForm):
    """A line added to a pending order or revision (ORD-3, ORD-8): a product
    of the order's price list found by name or code, how many, under which
    bundle line, with which options of that product."""

    product = PickerField(label=_("Product"), url_name="orders:order_list", required=True)
    quantity = forms.DecimalField(label=_("Quantity"), initial=1, max_digits=12, decimal_places=3)
    parent = forms.TypedChoiceField(
        label=_("In bundle line"), coerce=int, empty_value=None, required=False
    )
    options = line_options_field()

    def __init__(self, *args: Any, actor: Actor, order: Order, pick_url: str, **kwargs: Any):
        super().__init__(*args, **kwargs)
        product = self.fields["product"]
        product.widget = RecordPickerWidget(pick_url)
        product.bind(
            pick=lambda text, limit: line_picks.line_product_matches(
                actor=actor, order=order, q=text
            )[:limit],
            label=lambda pk: line_picks.line_product_label(actor=actor, order=order, pk=pk),
        )
        parents = line_picks.bundle_line_choices(actor=actor, order=order)
        self.fields["parent"].choices = [("", _("None: a line of its own")), *parents]
        product = self.data.get("product") if self.is_bound else self.initial.get("product")
        self.fields["options"].choices = line_picks.line_option_choices(
            actor=actor, order=order, product_id=product
        )

    def option_ids(self) -> list[int]:
        return list(self.cleaned_data.get("options") or [])


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
