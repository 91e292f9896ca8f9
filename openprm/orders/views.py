"""The internal order pages (ORD-3..ORD-9): the orders list, an order with
its lines, revisions and the difference between two revisions, the buttons
its reader may use (submit, cancel, revise, fulfilment status for the order
manager), and a customer's installed assets with the effect of its open
orders. The portal's versions are in portal_views.py."""

from typing import Any, ClassVar
from urllib.parse import urlencode

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.errors import DomainError
from openprm.core.forms import VersionedForm
from openprm.core.listing import page_number
from openprm.core.views.defaults import Filter
from openprm.core.views.editing import RecordAction
from openprm.core.views.generic import Page, RecordDetail, RecordList
from openprm.customers.models import Account
from openprm.customers.pickers import PICK_LIMIT, SEARCH_SUFFIX
from openprm.customers.selectors import account_get
from openprm.orders import line_picks, selectors, services, tables
from openprm.orders.asset_views import ACCOUNTS_ENTRY
from openprm.orders.catalog import MANAGE_ORDERS
from openprm.orders.forms import FulfilmentForm, LineAddForm, LineOptionsForm
from openprm.orders.history import order_history
from openprm.orders.models import FulfilmentStatus, Order, OrderState
from openprm.orders.services import StatusReport

ORDER_ACTIONS = ("change", "revise", "fulfil")
LOAD_OPTIONS = "load_options"


def order_filters(actor: Actor) -> list[Filter]:
    """The order number, the state, and the customer by name: of the
    orders the actor sees, the customers it may see."""
    customers = selectors.customer_choices(actor=actor)
    return [
        Filter("q", _("Order number"), "text"),
        Filter("state", _("State"), "choice", OrderState.choices),
        Filter.of_records("customer", _("Customer"), customers),
    ]


class OrderList(RecordList):
    """The order managers' list of every order."""

    model = Order
    spec = tables.ORDERS
    privilege = MANAGE_ORDERS

    def filter_bar(self) -> list[Filter]:
        partners = selectors.partner_choices(actor=self.actor)
        return [*order_filters(self.actor), Filter.of_records("partner", _("Partner"), partners)]


class OrderDetail(RecordDetail):
    """Lines as a tree, revisions, and `?against=<revision id>` for the
    difference from that revision to this one."""

    model = Order
    template_name = "orders/order_detail.html"
    actions = ORDER_ACTIONS
    tabs = (("details", _("Details")), ("history", _("History")))
    area: ClassVar[str] = "orders"

    def record(self, pk: int) -> Order:
        return selectors.order_get(actor=self.actor, pk=pk)

    def tab_context(self, record: Order, tab: str) -> dict[str, Any]:
        context = {
            "order": record,
            "urls": {
                name: reverse(f"{self.area}:order_{name}", args=[record.pk])
                for name in (
                    "submit",
                    "cancel",
                    "revise",
                    "line_add",
                    "line_remove",
                    "line_options",
                    "detail",
                )
            }
            | (
                {"fulfil": reverse("orders:order_fulfil", args=[record.pk])}
                if self.area == "orders"
                else {}
            ),
            "portal": self.area == "portal",
            "editable": record.state == OrderState.PENDING,
            "running": record.state in (OrderState.OPEN, OrderState.IN_PROGRESS),
            "cancellable": record.state in (OrderState.PENDING, OrderState.OPEN),
        }
        if tab == "history":
            number = page_number(self.request.GET.get("page"))
            page = order_history(actor=self.actor, order=record, number=number)
            return context | {"page_obj": page}
        return context | self.details_context(record)

    def details_context(self, record: Order) -> dict[str, Any]:
        """Lines, revisions and the asked-for difference between two."""
        revisions = list(selectors.revisions_of(actor=self.actor, order=record))
        diff, refused = None, ""
        against = self.request.GET.get("against", "")
        if against.isdigit():
            try:
                before = selectors.order_get(actor=self.actor, pk=int(against))
                diff = services.order_diff(actor=self.actor, before=before, after=record)
            except DomainError as error:
                refused = error.message
        lines = selectors.lines_of(actor=self.actor, order=record)
        return {
            "lines": selectors.with_depth(lines),
            "revisions": revisions,
            "diff": diff,
            "diff_refused": refused,
            "statuses": FulfilmentStatus.choices,
            "add_form": LineAddForm(
                initial={"version": record.version, "product": self.request.GET.get("product")},
                **_line_form_kwargs(self, record),
            )
            if record.state == OrderState.PENDING
            else None,
        }


def _line_form_kwargs(view: Page, order: Order) -> dict[str, Any]:
    area = "portal" if view.request.resolver_match.namespace == "portal" else "orders"
    pick_url = reverse(f"{area}:order_product_pick", args=[order.pk])
    return {"actor": view.actor, "order": order, "pick_url": pick_url}


class OrderProductPick(Page):
    """Matches of the Add a line product picker: the products a line of the
    order may take at its price list, with code and prices (ORD-1, ORD-3)."""

    model = Order

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        order = selectors.order_get(actor=self.actor, pk=pk)
        field = request.GET.get("field", "")
        text = request.GET.get(f"{field}{SEARCH_SUFFIX}", "") or request.GET.get("q", "")
        matches = line_picks.line_product_pick(
            actor=self.actor, order=order, q=text, limit=PICK_LIMIT
        )
        return render(
            request, "customers/_pick_results.html", {"matches": matches, "searched": bool(text)}
        )


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


class OrderSubmit(RecordAction):
    model = Order
    action = "change"
    form_class = VersionedForm
    success_message = _("%(name)s is submitted.")

    def record(self, pk: int) -> Order:
        return selectors.order_get(actor=self.actor, pk=pk)

    def perform(self, record: Order, form: Any) -> Order:
        return services.order_submit(
            actor=self.actor, order=record, expected_version=form.cleaned_data["version"]
        )


class OrderCancel(OrderSubmit):
    success_message = _("%(name)s is cancelled.")

    def perform(self, record: Order, form: Any) -> Order:
        return services.order_cancel(
            actor=self.actor, order=record, expected_version=form.cleaned_data["version"]
        )


class OrderRevise(RecordAction):
    """A complete new revision; the page of the new revision follows."""

    model = Order
    action = "revise"
    success_message = _("A new revision of %(name)s is pending: change it, then submit it.")

    def record(self, pk: int) -> Order:
        return selectors.order_get(actor=self.actor, pk=pk)

    def perform(self, record: Order, form: Any) -> Order:
        self.revision = services.order_revise(actor=self.actor, order=record)
        return self.revision

    def success_url(self, record: Order) -> str:
        revision = getattr(self, "revision", None)
        return (revision or record).get_absolute_url()


class OrderFulfil(RecordAction):
    """A line's fulfilment status, or every line's at once (order managers)."""

    model = Order
    action = "fulfil"
    form_class = FulfilmentForm
    success_message = _("Fulfilment of %(name)s is recorded.")
    refusal_details = True

    def record(self, pk: int) -> Order:
        return selectors.order_get(actor=self.actor, pk=pk)

    def perform(self, record: Order, form: Any) -> Order:
        line_id, status = form.cleaned_data["line_id"], form.cleaned_data["status"]
        lines = selectors.lines_of(actor=self.actor, order=record)
        chosen = [line for line in lines if line_id in (None, line.pk)]
        reports = [StatusReport(line.pk, status) for line in chosen]
        return services.fulfilment_report(actor=self.actor, order=record, reports=reports)


class OrderLineAdd(RecordAction):
    """A line added to a pending order or revision (the next morning's two phones)."""

    model = Order
    action = "change"
    form_class = LineAddForm
    success_message = _("The line is added to %(name)s.")
    refusal_details = True

    def record(self, pk: int) -> Order:
        return selectors.order_get(actor=self.actor, pk=pk)

    def form_kwargs(self, record: Order) -> dict[str, Any]:
        return _line_form_kwargs(self, record)

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


class OrderLineRemove(RecordAction):
    model = Order
    action = "change"
    form_class = VersionedForm
    success_message = _("The line is removed from %(name)s.")
    refusal_details = True

    def record(self, pk: int) -> Order:
        return selectors.order_get(actor=self.actor, pk=pk)

    def perform(self, record: Order, form: Any) -> Order:
        return services.order_line_remove(
            actor=self.actor,
            order=record,
            line_id=int(self.request.POST.get("line_id", "0") or 0),
            expected_version=form.cleaned_data["version"],
        )


def profile_page(view: Page, account: Account, *, portal: bool) -> HttpResponse:
    profile = services.service_profile(actor=view.actor, customer_id=account.pk)
    context = {"account": account, "profile": profile, "portal": portal}
    return render(view.request, view.template_name, context)


class AccountAssets(Page):
    """The account's page, Assets tab: installed assets plus the effect of
    open orders (ORD-5); the account must be visible (404 otherwise)."""

    model = Account
    template_name = "orders/account_assets.html"
    portal = False
    nav_entry = ACCOUNTS_ENTRY

    def get(self, request: HttpRequest, pk: int) -> HttpResponse:
        account = account_get(actor=self.actor, pk=pk)
        return profile_page(self, account, portal=self.portal)
