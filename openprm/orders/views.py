"""The internal order pages (ORD-3..ORD-9): the orders list, an order with
its lines, revisions and the difference between two revisions, the buttons
its reader may use (submit, cancel, revise, fulfilment status for the order
manager), and a customer's installed assets with the effect of its open
orders. The Add a line form's pages are in line_views.py, the portal's
versions in portal_views.py."""

from typing import Any, ClassVar

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.errors import DomainError
from openprm.core.forms import VersionedForm
from openprm.core.listing import page_number
from openprm.core.views.defaults import Filter
from openprm.core.views.generic import Page, RecordDetail, RecordList
from openprm.customers.models import Account
from openprm.customers.selectors import account_get
from openprm.orders import selectors, services, tables
from openprm.orders.asset_views import ACCOUNTS_ENTRY
from openprm.orders.catalog import MANAGE_ORDERS
from openprm.orders.forms import FulfilmentForm, LineAddForm
from openprm.orders.history import order_history
from openprm.orders.line_views import line_form_kwargs
from openprm.orders.models import FulfilmentStatus, Order, OrderState
from openprm.orders.order_action import OrderAction
from openprm.orders.services import StatusReport

ORDER_ACTIONS = ("change", "revise", "fulfil")


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
                **line_form_kwargs(self, record),
            )
            if record.state == OrderState.PENDING
            else None,
        }


class OrderSubmit(OrderAction):
    action = "change"
    form_class = VersionedForm
    success_message = _("%(name)s is submitted.")

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


class OrderRevise(OrderAction):
    """A complete new revision; the page of the new revision follows."""

    action = "revise"
    success_message = _("A new revision of %(name)s is pending: change it, then submit it.")

    def perform(self, record: Order, form: Any) -> Order:
        self.revision = services.order_revise(actor=self.actor, order=record)
        return self.revision

    def success_url(self, record: Order) -> str:
        revision = getattr(self, "revision", None)
        return (revision or record).get_absolute_url()


class OrderFulfil(OrderAction):
    """A line's fulfilment status, or every line's at once (order managers)."""

    action = "fulfil"
    refusal_details = True
    form_class = FulfilmentForm
    success_message = _("Fulfilment of %(name)s is recorded.")

    def perform(self, record: Order, form: Any) -> Order:
        line_id, status = form.cleaned_data["line_id"], form.cleaned_data["status"]
        lines = selectors.lines_of(actor=self.actor, order=record)
        chosen = [line for line in lines if line_id in (None, line.pk)]
        reports = [StatusReport(line.pk, status) for line in chosen]
        return services.fulfilment_report(actor=self.actor, order=record, reports=reports)


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
