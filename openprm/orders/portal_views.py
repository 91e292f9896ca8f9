"""The portal's order pages (ORD-2..ORD-9): the internal pages, for a
partner user only, landing back on the portal's own addresses."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _

from openprm.core.views.defaults import Filter
from openprm.core.views.generic import Page, RecordList
from openprm.core.views.pages import portal_only
from openprm.orders import selectors, tables
from openprm.orders.asset_views import SERVICE_PROFILE_ENTRY
from openprm.orders.line_views import (
    OrderLineAdd,
    OrderLineOptions,
    OrderLineRemove,
    OrderProductPick,
)
from openprm.orders.models import Order
from openprm.orders.views import (
    AccountAssets,
    OrderCancel,
    OrderDetail,
    OrderRevise,
    OrderSubmit,
    order_filters,
    profile_page,
)


class PortalLanding:
    """The portal's buttons land back on the portal's order page."""

    def success_url(self, record: Order) -> str:
        landing = getattr(self, "revision", None) or record
        return reverse("portal:order_detail", args=[landing.pk])


@method_decorator(portal_only, name="dispatch")
class PortalOrderList(RecordList):
    model = Order
    spec = tables.PORTAL_ORDERS
    title = _("Orders")

    def filter_bar(self) -> list[Filter]:
        """A partner user's orders are its own organization's: no Partner filter."""
        return order_filters(self.actor)


@method_decorator(portal_only, name="dispatch")
class PortalOrderDetail(OrderDetail):
    area = "portal"


@method_decorator(portal_only, name="dispatch")
class PortalOrderSubmit(PortalLanding, OrderSubmit):
    pass


@method_decorator(portal_only, name="dispatch")
class PortalOrderCancel(PortalLanding, OrderCancel):
    pass


@method_decorator(portal_only, name="dispatch")
class PortalOrderRevise(PortalLanding, OrderRevise):
    pass


@method_decorator(portal_only, name="dispatch")
class PortalOrderProductPick(OrderProductPick):
    pass


@method_decorator(portal_only, name="dispatch")
class PortalOrderLineOptions(OrderLineOptions):
    pass


@method_decorator(portal_only, name="dispatch")
class PortalOrderLineAdd(PortalLanding, OrderLineAdd):
    pass


@method_decorator(portal_only, name="dispatch")
class PortalOrderLineRemove(PortalLanding, OrderLineRemove):
    pass


@method_decorator(portal_only, name="dispatch")
class PortalServiceProfile(AccountAssets):
    """A customer's service profile in the portal: its organization's own
    stock, or a customer it may see."""

    portal = True
    nav_entry = SERVICE_PROFILE_ENTRY


@method_decorator(portal_only, name="dispatch")
class PortalOwnServiceProfile(Page):
    """The portal's own organization's service profile: its store's stock
    and what its open orders will change."""

    template_name = "orders/account_assets.html"

    def get(self, request: HttpRequest) -> HttpResponse:
        return profile_page(self, selectors.own_account(actor=self.actor), portal=True)
