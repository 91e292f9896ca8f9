"""Fulfilment into assets and changes on installed service (ORD-5, ORD-9):
idempotent line status reports, assets with the bundle's structure, modify
and disconnect orders, one open order per asset."""

from collections.abc import Callable
from typing import Any

import pytest

from openprm.catalog.models import PriceList
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, PermissionRefused, ValidationFailed
from openprm.orders.models import Asset, AssetEvent, Order
from openprm.orders.services import (
    AssetChange,
    StatusReport,
    fulfilment_report,
    order_assets_change,
    order_submit,
    service_profile,
)
from tests.orders.conftest import complete

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_order(stock_order: Callable[..., Order], nw_power: Actor) -> Order:
    order = stock_order()
    return order_submit(actor=nw_power, order=order, expected_version=order.version)


@pytest.fixture
def installed(open_order: Order, manager: Actor) -> Order:
    return complete(manager, open_order)


def lines_of(assets: Any, code: str) -> list[Asset]:
    return [a for a in assets if a.product.code == code]


def test_ord_5_a_fulfilled_order_becomes_assets_with_the_bundles_structure(
    installed: Order, two_partners: dict[str, Any]
) -> None:
    assert installed.state == "fulfilled"
    assets = list(Asset.objects.select_related("product", "parent__product"))
    assert len(assets) == 8
    plan = lines_of(assets, "FAMILY")[0]
    assert plan.parent is None
    assert plan.customer_id == two_partners["nw"].account_id
    assert {a.product.code for a in assets if a.parent_id == plan.pk} == {"PLAN-1500", "LINE"}
    for line in lines_of(assets, "LINE"):
        assert [c.product.code for c in assets if c.parent_id == line.pk] == ["DATA-5"]
    assert AssetEvent.objects.filter(kind="installed").count() == 8


def test_ord_5_the_same_fulfilment_report_twice_changes_nothing(
    open_order: Order, manager: Actor
) -> None:
    first = complete(manager, open_order, "in_progress")
    assert first.state == "in_progress"
    again = complete(manager, first, "in_progress")
    assert (again.version, again.state) == (first.version, "in_progress")
    done = complete(manager, again)
    assert complete(manager, done).version == done.version
    assert Asset.objects.count() == 8
    assert AssetEvent.objects.count() == 8


def test_ord_5_an_illegal_fulfilment_transition_is_refused(
    open_order: Order, manager: Actor
) -> None:
    line = open_order.lines.first()
    fulfilment_report(actor=manager, order=open_order, reports=[StatusReport(line.pk, "complete")])
    with pytest.raises(Conflict) as error:
        fulfilment_report(actor=manager, order=open_order, reports=[StatusReport(line.pk, "open")])
    assert error.value.code == "order_fulfilment_transition"
    assert "cannot go from Complete back to Open" in error.value.message
    line.refresh_from_db()
    assert line.fulfilment_status == "complete"


def test_ord_5_fulfilment_is_reported_by_an_order_manager_only(
    open_order: Order, nw_power: Actor
) -> None:
    with pytest.raises(PermissionRefused):
        complete(nw_power, open_order)


def test_ord_5_a_pending_order_is_not_fulfilled(
    stock_order: Callable[..., Order], manager: Actor
) -> None:
    with pytest.raises(Conflict):
        complete(manager, stock_order())


def change_options(actor: Actor, prices: PriceList, line: Asset, options: list[int]) -> Order:
    return order_assets_change(
        actor=actor,
        price_list_id=prices.pk,
        changes=[AssetChange(asset_id=line.pk, option_ids=options)],
    )


def test_ord_9_weeks_later_a_modify_order_changes_one_lines_options(
    installed: Order, nw_power: Actor, manager: Actor, gold_prices: PriceList
) -> None:
    line = lines_of(Asset.objects.select_related("product"), "LINE")[0]
    modify = change_options(nw_power, gold_prices, line, [])
    rows = [
        (x.action, x.product.code, x.asset_id is not None)
        for x in modify.lines.select_related("product").order_by("position")
    ]
    assert rows == [
        ("unchanged", "FAMILY", True),
        ("update", "LINE", True),
        ("delete", "DATA-5", True),
    ]
    modify = order_submit(actor=nw_power, order=modify, expected_version=modify.version)
    complete(manager, modify)
    pack = Asset.objects.get(parent=line)
    assert pack.status == "inactive"
    assert pack.end_date is not None
    assert [e.kind for e in pack.history.all()] == ["installed", "disconnected"]
    assert [e.kind for e in line.history.all()] == ["installed", "changed"]


def test_ord_9_an_asset_an_open_order_already_changes_cannot_be_changed(
    installed: Order, nw_power: Actor, gold_prices: PriceList
) -> None:
    line = lines_of(Asset.objects.select_related("product"), "LINE")[0]
    first = change_options(nw_power, gold_prices, line, [])
    with pytest.raises(Conflict) as error:
        order_assets_change(
            actor=nw_power,
            price_list_id=gold_prices.pk,
            changes=[AssetChange(asset_id=line.pk, disconnect=True)],
        )
    assert error.value.code == "order_asset_touched_by_open_order"
    assert first.number in error.value.message
    assert Order.objects.count() == 2


def test_ord_9_a_disconnected_line_becomes_inactive_and_keeps_its_history(
    installed: Order, nw_power: Actor, manager: Actor, gold_prices: PriceList
) -> None:
    line = lines_of(Asset.objects.select_related("product"), "LINE")[0]
    order = order_assets_change(
        actor=nw_power,
        price_list_id=gold_prices.pk,
        changes=[AssetChange(asset_id=line.pk, disconnect=True)],
    )
    assert sorted(order.lines.values_list("action", flat=True)) == ["delete", "delete", "unchanged"]
    order = order_submit(actor=nw_power, order=order, expected_version=order.version)
    complete(manager, order)
    line.refresh_from_db()
    assert (line.status, line.end_date is not None) == ("inactive", True)
    assert [e.kind for e in line.history.all()] == ["installed", "disconnected"]


def test_ord_8_disconnecting_every_line_of_a_family_plan_is_refused(
    installed: Order, nw_power: Actor, gold_prices: PriceList
) -> None:
    lines = lines_of(Asset.objects.select_related("product"), "LINE")
    with pytest.raises(ValidationFailed) as error:
        order_assets_change(
            actor=nw_power,
            price_list_id=gold_prices.pk,
            changes=[AssetChange(asset_id=a.pk, disconnect=True) for a in lines],
        )
    assert "Cardinality" in error.value.message
    assert Order.objects.count() == 1


def test_ord_2_a_standard_user_cannot_change_installed_service(
    installed: Order, nw_rep: Actor, gold_prices: PriceList
) -> None:
    line = lines_of(Asset.objects.select_related("product"), "LINE")[0]
    with pytest.raises(PermissionRefused):
        change_options(nw_rep, gold_prices, line, [])


def test_ord_5_the_service_profile_shows_assets_plus_open_orders(
    installed: Order, nw_power: Actor, gold_prices: PriceList, two_partners: dict[str, Any]
) -> None:
    line = lines_of(Asset.objects.select_related("product"), "LINE")[0]
    change_options(nw_power, gold_prices, line, [])
    profile = service_profile(actor=nw_power, customer_id=two_partners["nw"].account_id)
    states = {(item.product, item.state) for item in profile}
    assert ("Data pack 5 GB", "disconnecting") in states
    assert ("Family line", "changing") in states
    assert len(profile) == 8


def test_ord_9_a_modify_that_changes_nothing_places_no_order(
    installed: Order, nw_power: Actor, gold_prices: PriceList, telemedia: dict[str, Any]
) -> None:
    line = lines_of(Asset.objects.select_related("product"), "LINE")[0]
    placed = Order.objects.count()
    for change in (
        AssetChange(asset_id=line.pk),
        AssetChange(asset_id=line.pk, quantity="1", option_ids=[telemedia["DATA-5"].pk]),
    ):
        with pytest.raises(ValidationFailed) as error:
            order_assets_change(actor=nw_power, price_list_id=gold_prices.pk, changes=[change])
        assert error.value.code == "order_asset_change_empty"
        assert line.product.name in error.value.message
        assert list(error.value.field_errors) == [f"changes.{line.pk}.quantity"]
    assert Order.objects.count() == placed
    changed = order_assets_change(
        actor=nw_power,
        price_list_id=gold_prices.pk,
        changes=[AssetChange(asset_id=line.pk, quantity="2")],
    )
    assert changed.lines.get(asset=line).action == "update"
