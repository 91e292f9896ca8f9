"""The configurator page (ORD-2, ORD-8): power users build a bundle with
live validation and price (HTMX, on every change), then put it in the
cart. Standard users are refused (403), like the API refuses them."""

from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _

from openprm.carts import configurator
from openprm.catalog.bundle_rules import Bundle
from openprm.catalog.models import Product
from openprm.core.errors import DomainError, PermissionRefused
from openprm.core.views.editing import refusal_text
from openprm.core.views.generic import Page
from openprm.core.views.pages import portal_only

MOST_SLOTS = 20
"""The most lines of one component the page draws (its rules allow fewer)."""


def _count(value: Any, default: int) -> int:
    try:
        return max(0, min(MOST_SLOTS, int(Decimal(str(value)))))
    except (InvalidOperation, ValueError, TypeError):
        return default


def primary_first(bundle: Bundle) -> list[Any]:
    return sorted(bundle.components, key=lambda c: c.role != "primary")


def read_configuration(bundle: Bundle, data: Any) -> list[dict[str, Any]]:
    """The page's fields as component lines: a component with options is
    one line per unit (`opt-<product>-<n>` its options), any other one
    line of `qty-<product>` units."""
    found: list[dict[str, Any]] = []
    for component in primary_first(bundle):
        pid = component.product.id
        default = max(component.min_quantity, 1 if component.role == "primary" else 0)
        count = _count(data.get(f"qty-{pid}", default), default)
        if bundle.options.get(pid):
            for slot in range(count):
                options = [int(o) for o in data.getlist(f"opt-{pid}-{slot}") if o.isdigit()]
                found.append({"product_id": pid, "quantity": 1, "options": options})
        elif count:
            found.append({"product_id": pid, "quantity": count})
    return found


def _slots(bundle: Bundle, configuration: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Each component as the page draws it: its count and, with options,
    one row of option choices per unit."""
    drawn = []
    for component in primary_first(bundle):
        pid = component.product.id
        mine = [c for c in configuration if c["product_id"] == pid]
        options = list(bundle.options.get(pid, {}).values())
        count = len(mine) if options else sum(int(c["quantity"]) for c in mine)
        drawn.append(
            {
                "component": component,
                "count": count,
                "options": options,
                "slots": [set(c.get("options", ())) for c in mine] if options else [],
            }
        )
    return drawn


@method_decorator(portal_only, name="dispatch")
class Configurator(Page):
    model = Product
    action = "configure"

    def render_page(self, request: HttpRequest, pk: int, data: Any) -> HttpResponse:
        _product, bundle = configurator.bundle_for(actor=self.actor, product_id=pk)
        configuration = read_configuration(bundle, data)
        preview = configurator.preview(actor=self.actor, product_id=pk, components=configuration)
        context = {
            "bundle": bundle,
            "product_id": pk,
            "parts": _slots(bundle, configuration),
            "preview": preview,
        }
        template = "carts/_configuration.html" if request.htmx else "carts/configurator.html"  # type: ignore[attr-defined]
        return render(request, template, context)

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        return self.render_page(request, pk, request.GET)

    def post(self, request: HttpRequest, pk: int) -> HttpResponse:
        if request.htmx or "add_to_cart" not in request.POST:  # type: ignore[attr-defined]
            return self.render_page(request, pk, request.POST)
        _product, bundle = configurator.bundle_for(actor=self.actor, product_id=pk)
        try:
            line = configurator.add_to_cart(
                actor=self.actor, product_id=pk, components=read_configuration(bundle, request.POST)
            )
        except PermissionRefused:
            raise
        except DomainError as error:
            messages.error(request, refusal_text(error))
            return self.render_page(request, pk, request.POST)
        messages.success(request, _("%(name)s is in your cart.") % {"name": line.product.name})
        return redirect("portal:cart")
