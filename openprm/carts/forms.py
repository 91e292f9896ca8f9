"""Forms of the cart's pages; the rules are the services', these only read
the request."""

from django import forms
from django.utils.translation import gettext_lazy as _


class LineAddForm(forms.Form):
    product_id = forms.IntegerField(min_value=1)
    quantity = forms.DecimalField(max_digits=12, decimal_places=2, required=False)
    parent_line_id = forms.IntegerField(min_value=1, required=False)
    options = forms.TypedMultipleChoiceField(coerce=int, required=False, choices=())

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Any option id is read; the service decides whether it belongs.
        self.fields["options"].valid_value = lambda value: True  # type: ignore[attr-defined]


class LineUpdateForm(forms.Form):
    quantity = forms.DecimalField(label=_("Quantity"), max_digits=12, decimal_places=2)
    discount_percent = forms.DecimalField(
        label=_("Discount (%)"), max_digits=5, decimal_places=2, required=False
    )


class ShopForForm(forms.Form):
    customer_id = forms.IntegerField(min_value=1, required=False)
    contact_id = forms.IntegerField(min_value=1, required=False)
    opportunity_id = forms.IntegerField(min_value=1, required=False)


class ConfirmForm(forms.Form):
    confirm_prices = forms.CharField(max_length=40, required=False)


class QuoteToCartForm(forms.Form):
    replace = forms.BooleanField(required=False)
