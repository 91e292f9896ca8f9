"""JSON API of orders (ORD-3..ORD-9): placing, editing, submitting,
revising and cancelling orders, the difference of two revisions,
fulfilment reports (a fulfilment system calls them with an order manager's
token), assets, change orders on assets and a customer's service profile.
Every refusal is problem JSON naming its rule."""

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Status
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.customers.models import Account
from openprm.orders import selectors, services, tables
from openprm.orders.models import Asset, Order
from openprm.orders.schemas import (
    AssetDetailOut,
    AssetOrderIn,
    AssetOut,
    OrderDetailOut,
    OrderDiffOut,
    OrderFulfilmentIn,
    OrderIn,
    OrderLinesIn,
    OrderOut,
    OrderVersionIn,
    ServiceProfileItemOut,
)
from openprm.orders.services import AssetChange, LineSpec, StatusReport
from openprm.orders.tables import AssetFilter, OrderFilter

router = Router(tags=["orders"])


def _specs(payload: OrderIn | OrderLinesIn) -> list[LineSpec]:
    return [LineSpec(**line.model_dump()) for line in payload.lines]


def _detail(request: HttpRequest, order: Order) -> dict[str, Any]:
    lines = selectors.lines_of(actor=request.actor, order=order)
    return {**OrderOut.from_orm(order).model_dump(), "lines": lines}


@router.get("/orders", response=list[OrderOut])
@reads(Order)
@paginate(PagePagination)
def order_list(
    request: HttpRequest,
    filters: Query[OrderFilter],
    sort: sort_choices(tables.ORDERS.sortable) = tables.ORDERS.default_sort,
) -> Any:
    """Every order to an order manager; its organization's to a partner user."""
    return tables.ORDERS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.post("/orders", response={201: OrderDetailOut})
def order_place(request: HttpRequest, payload: OrderIn) -> Status[Any]:
    """A new pending order, priced from the caller's price list; without
    `customer_id` a partner user orders for its own organization."""
    order = services.place_order(
        actor=request.actor,
        customer_id=payload.customer_id,
        contact_id=payload.contact_id,
        price_list_id=payload.price_list_id,
        opportunity_id=payload.opportunity_id,
        lines=_specs(payload),
    )
    return Status(201, _detail(request, order))


@router.get("/orders/{order_id}", response=OrderDetailOut)
@reads(Order)
def order_detail(request: HttpRequest, order_id: RecordId) -> Any:
    return _detail(request, selectors.order_get(actor=request.actor, pk=order_id))


@router.put("/orders/{order_id}/lines", response=OrderDetailOut)
def order_lines_replace(request: HttpRequest, order_id: RecordId, payload: OrderLinesIn) -> Any:
    """Every line of a pending order or revision; `line_id` keeps a line."""
    order = selectors.order_get(actor=request.actor, pk=order_id)
    order = services.order_lines_replace(
        actor=request.actor, order=order, lines=_specs(payload), expected_version=payload.version
    )
    return _detail(request, order)


@router.post("/orders/{order_id}/submit", response=OrderOut)
def order_submit(request: HttpRequest, order_id: RecordId, payload: OrderVersionIn) -> Order:
    order = selectors.order_get(actor=request.actor, pk=order_id)
    return services.order_submit(actor=request.actor, order=order, expected_version=payload.version)


@router.post("/orders/{order_id}/cancel", response=OrderOut)
def order_cancel(request: HttpRequest, order_id: RecordId, payload: OrderVersionIn) -> Order:
    order = selectors.order_get(actor=request.actor, pk=order_id)
    return services.order_cancel(actor=request.actor, order=order, expected_version=payload.version)


@router.get("/orders/{order_id}/revisions", response=list[OrderOut])
@reads(Order)
def order_revisions(request: HttpRequest, order_id: RecordId) -> Any:
    order = selectors.order_get(actor=request.actor, pk=order_id)
    return selectors.revisions_of(actor=request.actor, order=order)


@router.post("/orders/{order_id}/revisions", response={201: OrderDetailOut})
def order_revise(request: HttpRequest, order_id: RecordId) -> Status[Any]:
    """A complete new pending revision (power users); 409 while one is pending."""
    order = selectors.order_get(actor=request.actor, pk=order_id)
    return Status(201, _detail(request, services.order_revise(actor=request.actor, order=order)))


@router.get("/orders/{order_id}/diff", response=OrderDiffOut)
@reads(Order)
def order_diff(request: HttpRequest, order_id: RecordId, against: RecordId | None = None) -> Any:
    """What changed from revision `against` (by default the one this
    revision revises) to this one."""
    after = selectors.order_get(actor=request.actor, pk=order_id)
    before_id = against or after.previous_id or after.pk
    before = selectors.order_get(actor=request.actor, pk=before_id)
    diff = services.order_diff(actor=request.actor, before=before, after=after)
    return {**diff.__dict__, "before_id": before.pk, "after_id": after.pk}


@router.post("/orders/{order_id}/fulfilment", response=OrderOut)
def order_fulfilment(request: HttpRequest, order_id: RecordId, payload: OrderFulfilmentIn) -> Order:
    """Line status reports (order managers, fulfilment systems); the same
    report twice changes nothing."""
    order = selectors.order_get(actor=request.actor, pk=order_id)
    reports = [StatusReport(r.line_id, r.status) for r in payload.reports]
    return services.fulfilment_report(actor=request.actor, order=order, reports=reports)


@router.get("/assets", response=list[AssetOut])
@reads(Asset)
@paginate(PagePagination)
def asset_list(
    request: HttpRequest,
    filters: Query[AssetFilter],
    sort: sort_choices(tables.ASSETS.sortable) = tables.ASSETS.default_sort,
) -> Any:
    return tables.ASSETS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.get("/assets/{asset_id}", response=AssetDetailOut)
@reads(Asset)
def asset_detail(request: HttpRequest, asset_id: RecordId) -> Any:
    asset = selectors.asset_get(actor=request.actor, pk=asset_id)
    asset.history_rows = list(selectors.history_of(actor=request.actor, asset=asset))
    return asset


@router.post("/asset-orders", response={201: OrderDetailOut})
def asset_order(request: HttpRequest, payload: AssetOrderIn) -> Status[Any]:
    """A modify or disconnect order on installed assets (power users)."""
    order = services.order_assets_change(
        actor=request.actor,
        price_list_id=payload.price_list_id,
        contact_id=payload.contact_id,
        changes=[AssetChange(**change.model_dump()) for change in payload.changes],
    )
    return Status(201, _detail(request, order))


@router.get("/accounts/{account_id}/service-profile", response=list[ServiceProfileItemOut])
@reads(Account)
def service_profile(request: HttpRequest, account_id: RecordId) -> Any:
    """Installed assets plus the effect of open orders."""
    return services.service_profile(actor=request.actor, customer_id=account_id)
