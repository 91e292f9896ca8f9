"""The orders app's lists, each declared once for the page, files and API."""

from operator import attrgetter
from typing import Annotated, Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from ninja import FilterLookup, FilterSchema

from openprm.core.actor import Actor
from openprm.core.apikit.types import RecordId
from openprm.core.tables import Column, ListSpec, Query
from openprm.orders import selectors
from openprm.orders.models import Asset, AssetStatus, Order, OrderState

MONEY = "cells/money.html"


class PortalOrderFilter(FilterSchema):
    """A partner user's orders are all its own organization's: no partner to pick."""

    q: str | None = None
    state: Annotated[OrderState | None, FilterLookup("state")] = None
    customer: Annotated[RecordId | None, FilterLookup("customer_id")] = None

    def filter_q(self, value: str | None) -> Q:
        """The order number, ORD-000123 (every revision of it)."""
        return Q(number=value.strip().upper()) if value and value.strip() else Q()


class OrderFilter(PortalOrderFilter):
    partner: Annotated[RecordId | None, FilterLookup("partner_id")] = None


class AssetFilter(FilterSchema):
    customer: Annotated[RecordId | None, FilterLookup("customer_id")] = None
    status: Annotated[AssetStatus | None, FilterLookup("status")] = None


def _orders(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Order]:
    rows = selectors.order_list(actor=actor)
    return filters.filter(rows) if filters is not None else rows


def _columns(link: Any) -> tuple[Column, ...]:
    return (
        Column("id", _("ID"), lambda o: o.pk, shown=False),
        Column("number", _("Order"), sort="number", link=link),
        Column("revision", _("Revision"), sort="revision"),
        Column("customer", _("Customer"), lambda o: o.customer.name),
        Column("partner", _("Partner"), lambda o: o.partner.account.name if o.partner else ""),
        Column("state", _("State"), lambda o: o.get_state_display(), sort="state"),
        Column("one_time", _("One-time"), attrgetter("one_time_total"), cell=MONEY),
        Column("monthly", _("Monthly"), attrgetter("monthly_total"), cell=MONEY),
        Column("currency", _("Currency"), shown=False),
        Column("created", _("Placed"), lambda o: o.created_at, sort="created_at"),
    )


ORDERS = ListSpec(
    name="orders.orders",
    select=_orders,
    columns=_columns(Order.get_absolute_url),
    filters=OrderFilter,
    default_sort="-created",
    filename="orders",
)

PORTAL_ORDERS = ListSpec(
    name="orders.portal_orders",
    select=_orders,
    # A partner user only ever sees its own organization's orders: no Partner column.
    columns=tuple(
        column
        for column in _columns(lambda o: reverse("portal:order_detail", args=[o.pk]))
        if column.key != "partner"
    ),
    filters=PortalOrderFilter,
    default_sort="-created",
    row_key=lambda o: o.pk,
)


def _assets(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Asset]:
    rows = selectors.asset_list(actor=actor)
    return filters.filter(rows) if filters is not None else rows


ASSETS = ListSpec(
    name="orders.assets",
    select=_assets,
    columns=(
        Column("id", _("ID"), lambda a: a.pk, shown=False),
        Column("product", _("Product"), lambda a: a.product.name, link=Asset.get_absolute_url),
        Column("customer", _("Customer"), lambda a: a.customer.name),
        Column("quantity", _("Quantity"), lambda a: a.quantity.normalize()),
        Column("status", _("Status"), lambda a: a.get_status_display(), sort="status"),
        Column("start", _("Start"), lambda a: a.start_date, sort="start_date"),
        Column("end", _("End"), lambda a: a.end_date or ""),
        Column("monthly", _("Monthly"), attrgetter("monthly_amount"), cell=MONEY),
        Column("currency", _("Currency"), shown=False),
    ),
    filters=AssetFilter,
    default_sort="-start",
)
