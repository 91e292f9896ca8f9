"""The Add a line form's pages of an order (ORD-1, ORD-3, ORD-8): the
product picker's matches, the chosen product's options, adding and removing
a line. The portal's versions are in portal_views.py."""

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.forms import VersionedForm
from openprm.core.views.generic import Page
from openprm.customers.pickers import PICK_LIMIT, pick_results, picked_text
from openprm.orders import line_picks, selectors, services
from openprm.orders.forms import LineAddForm, LineOptionsForm
from openprm.orders.models import Order
from openprm.orders.order_action import OrderAction

LOAD_OPTIONS = "load_options"


def line_form_kwargs(view: Page, order: Order) -> dict[str, Any]:
    area = "portal" if view.request.resolver_match.namespace == "portal" else "orders"
    pick_url = reverse(f"{area}:order_product_pick", args=[order.pk])
    return {"actor": view.actor, "order": order, "pick_url": pick_url}


class OrderProductPick(Page):
    """Matches of the Add a line product picker: the products a line of the
    order may take at its price list, with code and prices (ORD-1, ORD-3)."""

    model = Order

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = selectors.order_get(actor=self.actor, pk=pk)
        text = picked_text(request)
        matches = line_picks.line_product_pick(
            actor=self.actor, order=order, q=text, limit=PICK_LIMIT
        )
        return pick_results(request, text, matches)


class OrderLineOptions(Page):
    """The Add a line form's options for the product it names (`?product=`),
    drawn again when its product changes (ORD-8): a product's own options,
    read for that product alone."""

    model = Order

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = selectors.order_get(actor=self.actor, pk=pk)
        product = request.GET.get("product", "")
        form = LineOptionsForm(actor=self.actor, order=order, product=product)
        return render(request, "includes/form.html", {"form": form})


class OrderLineAdd(OrderAction):
    """A line added to a pending order or revision (the next morning's two phones)."""

    action = "change"
    refusal_details = True
    form_class = LineAddForm
    success_message = _("The line is added to %(name)s.")

    def form_kwargs(self, record: Order) -> dict[str, Any]:
        return line_form_kwargs(self, record)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        """A product typed but not found, or an option not offered, is said
        as such (the version alone means the page was out of date)."""
        record = self.record(pk)
        form = LineAddForm(request.POST, **self.form_kwargs(record))
        if LOAD_OPTIONS in request.POST:
            return self.options_page(record, form)
        if form.is_valid() or "version" in form.errors:
            return super().post(request, pk)
        for name, errors in form.errors.items():
            label = form.fields[name].label if name in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}")
        return redirect(self.refused_url(record))

    def options_page(self, record: Order, form: LineAddForm) -> HttpResponse:
        """Without JavaScript, *Show its options* comes back to the order
        page with the typed product chosen and its options to tick."""
        form.is_valid()
        product = form.cleaned_data.get("product")
        if product is None:
            for error in form.errors.get("product", []):
                messages.error(self.request, f"{form.fields['product'].label}: {error}")
            return redirect(self.refused_url(record))
        return redirect(f"{self.refused_url(record)}?{urlencode({'product': product})}#add-title")

    def perform(self, record: Order, form: Any) -> Order:
        data = form.cleaned_data
        return services.order_line_add(
            actor=self.actor,
            order=record,
            product_id=data["product"],
            quantity=data["quantity"],
            parent_line_id=data["parent"],
            option_ids=form.option_ids(),
            expected_version=data["version"],
        )


class OrderLineRemove(OrderAction):
    action = "change"
    refusal_details = True
    form_class = VersionedForm
    success_message = _("The line is removed from %(name)s.")

    def perform(self, record: Order, form: Any) -> Order:
        return services.order_line_remove(
            actor=self.actor,
            order=record,
            line_id=int(self.request.POST.get("line_id", "0") or 0),
            expected_version=form.cleaned_data["version"],
        )
