"""The portal pages of quotes (ORD-6): the caller's quotes, one quote with
its frozen prices, back into the cart, and on to an order."""

from typing import ClassVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from openprm.carts import checkout, pages, selectors, tables
from openprm.carts.checkout import PricesChanged
from openprm.carts.forms import ConfirmForm, QuoteToCartForm
from openprm.carts.models import Quote
from openprm.carts.views import _confirm, checkout_done
from openprm.core.errors import DomainError
from openprm.core.views.editing import RecordAction, refusal_text
from openprm.core.views.generic import RecordDetail, RecordList
from openprm.core.views.pages import portal_only


@method_decorator(portal_only, name="dispatch")
class QuoteList(RecordList):
    model = Quote
    spec = tables.QUOTES
    template_name = "carts/quote_list.html"


@method_decorator(portal_only, name="dispatch")
class QuoteDetail(RecordDetail):
    model = Quote

    def record(self, pk: int) -> Quote:
        return selectors.quote_get(actor=self.actor, pk=pk)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        quote = self.record(pk)
        return render(
            request,
            "carts/quote_detail.html",
            {
                "quote": quote,
                "summary": pages.quote_summary(actor=self.actor, quote=quote),
                "expired": quote.valid_until < timezone.localdate(),
                "cart_lines": selectors.cart_line_count(actor=self.actor),
            },
        )


@method_decorator(portal_only, name="dispatch")
class QuoteToCart(RecordAction):
    model = Quote
    action = "order"
    http_method_names: ClassVar[list[str]] = ["post"]  # type: ignore[misc]

    def record(self, pk: int) -> Quote:
        return selectors.quote_get(actor=self.actor, pk=pk)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        quote = self.record(pk)
        form = QuoteToCartForm(request.POST)
        replace = bool(form.is_valid() and form.cleaned_data["replace"])
        try:
            checkout.quote_to_cart(actor=self.actor, quote_id=quote.pk, replace=replace)
        except DomainError as error:
            messages.error(request, refusal_text(error))
            return redirect(quote.get_absolute_url())
        messages.success(
            request, _("The lines of %(number)s are in your cart.") % {"number": quote.number}
        )
        return redirect("portal:cart")


@method_decorator(portal_only, name="dispatch")
class QuoteOrder(RecordAction):
    model = Quote
    action = "order"

    def record(self, pk: int) -> Quote:
        return selectors.quote_get(actor=self.actor, pk=pk)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        quote = self.record(pk)
        form = ConfirmForm(request.POST)
        token = form.cleaned_data.get("confirm_prices") if form.is_valid() else None
        try:
            order = checkout.quote_order(
                actor=self.actor, quote_id=quote.pk, confirm_prices=token or None
            )
        except PricesChanged as error:
            action = reverse("portal:quote_order", args=[quote.pk])
            return _confirm(request, error, action, _("Confirm and place the order"))
        except DomainError as error:
            messages.error(request, refusal_text(error))
            return redirect(quote.get_absolute_url())
        return checkout_done(request, order)
