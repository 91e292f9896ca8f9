"""Ordering at scale (ORD-4, ORD-5, ORD-9): placing an order, fulfilling it
into assets, changing installed service, submitting a revision and reading
the service profile each take the same number of statements (round trips
to the database) for a 12-line order and a 52-line one, so a 500-line
order waits for no more round trips than a small one.

The sizes stay under 58 lines: beyond that SQLite (not PostgreSQL) splits
a bulk insert of order lines into batches of 999 parameters."""

from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openprm.catalog import services as catalog
from openprm.catalog.models import PriceList
from openprm.core.actor import Actor
from openprm.customers.models import Account
from openprm.deals.models import Opportunity
from openprm.identity.models import User
from openprm.orders.lines import LineSpec
from openprm.orders.models import Asset, AssetEvent, Order
from openprm.orders.services import (
    AssetChange,
    StatusReport,
    fulfilment_report,
    order_assets_change,
    order_revise,
    order_submit,
    place_order,
    service_profile,
)
from tests.factories import as_actor
from tests.orders.conftest import complete, family

pytestmark = pytest.mark.django_db

SIZES = (1, 5)
"""Family lines; each with its data pack and eight phones: 12 and 52 order lines."""


def counted(call: Callable[[], Any]) -> tuple[Any, int]:
    with CaptureQueriesContext(connection) as queries:
        result = call()
    return result, len(queries)


def specs(telemedia: dict[str, Any], lines: int) -> list[LineSpec]:
    """A family plan with `lines` lines (each with its data pack) and
    eight phones per line for the store."""
    phones = [LineSpec(product_id=telemedia["PHONE-X"].pk) for _ in range(8 * lines)]
    return [*family(telemedia, lines=lines), *phones]


def submitted(order: Order, actor: Actor) -> Order:
    return order_submit(actor=actor, order=order, expected_version=order.version)


def test_ord_5_placing_and_fulfilling_take_the_same_statements_whatever_the_size(
    stock_order: Callable[..., Order],
    nw_power: Actor,
    manager: Actor,
    telemedia: dict[str, Any],
    two_partners: dict[str, Any],
) -> None:
    """Each order becomes one asset per line, with the bundle's structure
    and one history entry per asset; the statements do not grow with it."""
    store = two_partners["nw"].account_id
    complete(manager, submitted(stock_order(), nw_power))  # the caches a first call fills
    placing, fulfilling, profiling = [], [], []
    for lines in SIZES:
        order, count = counted(lambda lines=lines: stock_order(specs(telemedia, lines)))
        placing.append(count)
        assert order.lines.count() == 2 + 2 * lines + 8 * lines
        order, count = counted(lambda order=order: complete(manager, submitted(order, nw_power)))
        fulfilling.append(count)
        assets = Asset.objects.filter(origin__order=order)
        assert order.state == "fulfilled"
        assert assets.count() == order.lines.count()
        assert assets.filter(product__code="DATA-5", parent__product__code="LINE").count() == lines
        assert AssetEvent.objects.filter(line__order=order, kind="installed").count() == (
            assets.count()
        )
        profile, count = counted(lambda: service_profile(actor=nw_power, customer_id=store))
        profiling.append(count)
        assert len(profile) == Asset.objects.filter(customer_id=store).count()
    assert placing[0] == placing[1]
    assert fulfilling[0] == fulfilling[1]
    assert profiling[0] == profiling[1]


def test_ord_9_a_modify_order_is_fulfilled_in_the_same_statements_whatever_it_changes(
    stock_order: Callable[..., Order],
    nw_power: Actor,
    manager: Actor,
    gold_prices: PriceList,
    telemedia: dict[str, Any],
) -> None:
    """Dropping the data pack of one line, then of four: each changed line
    is updated and its pack disconnected, in the same statements."""
    installed = complete(manager, submitted(stock_order(family(telemedia, lines=5)), nw_power))
    lines = list(Asset.objects.filter(origin__order=installed, product__code="LINE"))
    counts = []
    for changed in (lines[:1], lines[1:]):
        modify = order_assets_change(
            actor=nw_power,
            price_list_id=gold_prices.pk,
            changes=[AssetChange(asset_id=line.pk, option_ids=[]) for line in changed],
        )
        modify = submitted(modify, nw_power)
        _done, count = counted(lambda modify=modify: complete(manager, modify))
        counts.append(count)
        for line in changed:
            assert [e.kind for e in line.history.all()] == ["installed", "changed"]
            pack = Asset.objects.get(parent=line)
            assert (pack.status, pack.end_date is not None) == ("inactive", True)
            assert [e.kind for e in pack.history.all()] == ["installed", "disconnected"]
    assert counts[0] == counts[1]


def test_ord_4_a_submitted_revision_keeps_where_fulfilment_got_in_the_same_statements(
    stock_order: Callable[..., Order],
    nw_power: Actor,
    manager: Actor,
    telemedia: dict[str, Any],
) -> None:
    """A line reported In progress while its revision was pending is In
    progress in the revision once submitted, and so is the revision."""
    counts = []
    for lines in SIZES:
        order = submitted(stock_order(specs(telemedia, lines)), nw_power)
        revision = order_revise(actor=nw_power, order=order)
        first = order.lines.order_by("position").first()
        fulfilment_report(
            actor=manager, order=order, reports=[StatusReport(first.pk, "in_progress")]
        )
        revision, count = counted(lambda revision=revision: submitted(revision, nw_power))
        counts.append(count)
        assert revision.state == "in_progress"
        statuses = list(revision.lines.order_by("position").values_list("fulfilment_status"))
        assert statuses == [("in_progress",)] + [("open",)] * (len(statuses) - 1)
    assert counts[0] == counts[1]


def test_ord_2_ord_6_a_power_user_orders_for_its_customer_in_the_same_statements_whatever_the_size(
    two_partners: dict[str, Any], nw_power: Actor, customer: Account, channel_manager: User,
    sales_admin: User, telemedia: dict[str, Any],
) -> None:  # fmt: skip
    """A partner power user places an order for a customer its organization
    sells to (its opportunity on the customer's account, DEAL-9) at the
    customer's price list, a new actor each time as each portal request
    builds one: 12 lines and 52 take the same statements."""
    Opportunity.objects.create(
        name="Acme phones", account=customer, partner=two_partners["nw"],
        owner=channel_manager, close_date=timezone.localdate(),
    )  # fmt: skip
    prices = catalog.price_list_create(
        actor=as_actor(sales_admin),
        data={"name": "Acme contract", "currency": "EUR", "audience": "customer",
              "customer_id": customer.pk},
    )  # fmt: skip
    for code in ("PHONE-X", "FAMILY", "PLAN-1500", "LINE", "DATA-5"):
        catalog.item_set(
            actor=as_actor(sales_admin), price_list=prices, product_id=telemedia[code].pk,
            one_time_price=Decimal("10.00"), monthly_price=Decimal("1.00"),
        )  # fmt: skip

    def place(lines: int) -> Order:
        return place_order(
            actor=as_actor(nw_power.user), customer_id=customer.pk, contact_id=None,
            price_list_id=prices.pk, opportunity_id=None, lines=specs(telemedia, lines),
        )  # fmt: skip

    place(1)  # the caches a first call fills
    placing = []
    for lines in SIZES:
        order, count = counted(lambda lines=lines: place(lines))
        placing.append(count)
        assert (order.customer_id, order.partner_id, order.price_list_id) == (
            customer.pk, two_partners["nw"].pk, prices.pk,
        )  # fmt: skip
        assert order.lines.count() == 2 + 2 * lines + 8 * lines
    assert placing[0] == placing[1]
