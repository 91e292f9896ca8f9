"""The portal pages of the cart (ORD-2, ORD-6, ORD-8): for whom, lines
with their quantities and options, totals one-time and monthly apart,
changing and removing a line in place (HTMX), saving a quote, and checkout
with the price-change confirmation. Every page calls the services the API
calls."""

from decimal import Decimal
from typing import Any, ClassVar

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from openprm.carts import checkout, lines, pages, selectors, services
from openprm.carts.checkout import PricesChanged
from openprm.carts.forms import ConfirmForm, LineAddForm, LineUpdateForm, ShopForForm
from openprm.carts.models import CartLine
from openprm.catalog import selectors as catalog
from openprm.core.actor import Actor
from openprm.core.errors import DomainError, PermissionRefused
from openprm.core.redirects import redirect_next
from openprm.core.views.editing import RecordAction, refusal_text
from openprm.core.views.generic import Page
from openprm.core.views.pages import portal_only
from openprm.orders.models import Order

CART = "portal:cart"


def cart_context(request: HttpRequest, **extra: Any) -> dict[str, Any]:
    actor = request.actor  # type: ignore[attr-defined]
    summary = pages.cart_summary(actor=actor)
    cart = summary.shopping
    customer = cart.customer_id
    bundles = [row for row in summary.rows if row.line.product.type == "bundle"]
    return {
        "summary": summary,
        "cart": cart,
        "customers": selectors.customer_choices(actor=actor)[:200],
        "contacts": selectors.contact_choices(actor=actor, account_id=customer) if customer else (),
        "opportunities": selectors.opportunity_choices(actor=actor, account_id=customer)
        if customer
        else (),
        "bundle_parts": {row.id: _parts(actor, row.line.product_id) for row in bundles},
        "add_after": _subtree_ends(summary.rows),
        **extra,
    }


def _subtree_ends(rows: list[Any]) -> dict[int, int]:
    """The last row of each bundle's components and options, by row id →
    the bundle's line id: where its "Add to this plan" row goes."""
    ends: dict[int, int] = {}
    for index, row in enumerate(rows):
        if row.line.product.type != "bundle":
            continue
        last = row
        for later in rows[index + 1 :]:
            if later.depth <= row.depth:
                break
            last = later
        ends[last.id] = row.id
    return ends


def _parts(actor: Actor, bundle_id: int) -> list[dict[str, Any]]:
    definition = catalog.bundle_definition(actor=actor, pk=bundle_id)
    return [
        {"component": c, "options": list(definition.options.get(c.product.id, {}).values())}
        for c in definition.components
    ]


def cart_answer(request: HttpRequest, **extra: Any) -> HttpResponse:
    """The cart body alone to an HTMX request, else back to the cart page."""
    if request.htmx:  # type: ignore[attr-defined]
        return render(request, "carts/_cart_body.html", cart_context(request, **extra))
    error = extra.get("error")
    if error:
        messages.error(request, error)
    return redirect(CART)


@method_decorator(portal_only, name="dispatch")
class CartPage(Page):
    """The cart: for whom, lines, totals, and the way on to a quote or an order."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "carts/cart.html", cart_context(request))


@method_decorator(portal_only, name="dispatch")
class CartShopFor(CartPage):
    """Whom the cart shops for; a GET shows the cart."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ShopForForm(request.POST)
        data = form.cleaned_data if form.is_valid() else {}
        if not data.get("customer_id"):
            data = {}
        try:
            services.cart_shop_for(actor=self.actor, **data)
        except PermissionRefused:
            raise
        except DomainError as error:
            return cart_answer(request, error=refusal_text(error))
        return cart_answer(request)


@method_decorator(portal_only, name="dispatch")
class CartContacts(Page):
    """The contact and opportunity choices of a customer (HTMX, as the
    customer is picked)."""

    def get(self, request: HttpRequest) -> HttpResponse:
        form = ShopForForm(request.GET)
        customer = form.cleaned_data.get("customer_id") if form.is_valid() else None
        context = {
            "contacts": selectors.contact_choices(actor=self.actor, account_id=customer)
            if customer
            else (),
            "opportunities": selectors.opportunity_choices(actor=self.actor, account_id=customer)
            if customer
            else (),
        }
        return render(request, "carts/_customer_choices.html", context)


@method_decorator(portal_only, name="dispatch")
class CartLineAdd(CartPage):
    """Add to cart from the catalog, or a component into a bundle line; a
    GET shows the cart."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = LineAddForm(request.POST)
        if not form.is_valid():
            return cart_answer(request, error=_("Choose a product and a quantity."))
        data = form.cleaned_data
        try:
            line = lines.line_add(
                actor=self.actor,
                product_id=data["product_id"],
                quantity=data["quantity"] if data["quantity"] is not None else Decimal(1),
                parent_line_id=data["parent_line_id"],
                options=data["options"] or (),
            )
        except PermissionRefused:
            raise
        except DomainError as error:
            if request.POST.get("from") == "catalog":
                messages.error(request, refusal_text(error))
                return redirect_next(request, "portal:catalog")
            return cart_answer(request, error=refusal_text(error))
        if request.POST.get("from") == "catalog":
            messages.success(request, _("%(name)s is in your cart.") % {"name": line.product.name})
            return redirect_next(request, "portal:catalog")
        return cart_answer(request)


class LineAction(RecordAction):
    """A button on one cart line; HTMX gets the cart body back in place,
    with a refusal shown next to the line."""

    model = CartLine
    form_class: ClassVar[Any] = None

    def record(self, pk: int) -> CartLine:
        cart = services.cart_of(actor=self.actor)
        return selectors.cart_line_get(actor=self.actor, cart=cart, pk=pk)

    def success_url(self, record: Any) -> str:
        return reverse(CART)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        line = self.record(pk)
        try:
            self.perform(line, request.POST)
        except PermissionRefused as error:
            if not request.htmx:  # type: ignore[attr-defined]
                raise
            return cart_answer(request, line_errors={line.pk: error.message})
        except DomainError as error:
            return cart_answer(
                request, error=refusal_text(error), line_errors={line.pk: error.message}
            )
        return cart_answer(request)


@method_decorator(portal_only, name="dispatch")
class CartLineUpdate(LineAction):
    def perform(self, record: CartLine, data: Any) -> Any:
        form = LineUpdateForm(data)
        if not form.is_valid():
            raise DomainError(_("Enter a quantity."))
        discount = form.cleaned_data.get("discount_percent")
        return lines.line_update(
            actor=self.actor,
            line_id=record.pk,
            quantity=form.cleaned_data["quantity"],
            discount_percent=discount
            if discount is not None and "discount_percent" in data
            else None,
        )


@method_decorator(portal_only, name="dispatch")
class CartLineRemove(LineAction):
    def perform(self, record: CartLine, data: Any) -> Any:
        lines.line_remove(actor=self.actor, line_id=record.pk)


@method_decorator(portal_only, name="dispatch")
class CartSaveQuote(CartPage):
    """The cart saved as a quote; a GET shows the cart."""

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ConfirmForm(request.POST)
        token = form.cleaned_data.get("confirm_prices") if form.is_valid() else None
        try:
            quote = checkout.cart_save_quote(actor=self.actor, confirm_prices=token or None)
        except PricesChanged as error:
            return _confirm(request, error, reverse("portal:cart_quote"), _("Save the quote"))
        except DomainError as error:
            messages.error(request, refusal_text(error))
            return redirect(CART)
        messages.success(
            request,
            _("Quote %(number)s is saved, valid until %(day)s.")
            % {"number": quote.number, "day": date_format(quote.valid_until)},
        )
        return redirect(quote.get_absolute_url())


def _confirm(request: HttpRequest, error: PricesChanged, action: str, label: str) -> HttpResponse:
    """ORD-6: the changed prices, old and new, and a button confirming them."""
    return render(
        request,
        "carts/confirm_prices.html",
        {
            "error": error,
            "changes": error.extra["changes"],
            "token": error.extra["price_token"],
            "currency": error.extra["currency"],
            "action": action,
            "label": label,
        },
        status=409,
    )


def checkout_done(request: HttpRequest, order: Order) -> HttpResponse:
    messages.success(request, _("Order %(number)s is placed.") % {"number": order.number})
    return redirect("portal:order_detail", order.pk)


@method_decorator(portal_only, name="dispatch")
class CartCheckout(Page):
    """Review, then place the order; a changed price is confirmed first."""

    def get(self, request: HttpRequest) -> HttpResponse:
        return render(request, "carts/checkout.html", cart_context(request))

    def post(self, request: HttpRequest) -> HttpResponse:
        form = ConfirmForm(request.POST)
        token = form.cleaned_data.get("confirm_prices") if form.is_valid() else None
        try:
            order = checkout.cart_checkout(actor=self.actor, confirm_prices=token or None)
        except PricesChanged as error:
            return _confirm(
                request, error, reverse("portal:cart_checkout"), _("Confirm and place the order")
            )
        except PermissionRefused:
            raise
        except DomainError as error:
            messages.error(request, refusal_text(error))
            return redirect("portal:cart_checkout")
        return checkout_done(request, order)
