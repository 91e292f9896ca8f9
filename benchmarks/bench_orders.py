"""Orders benchmark (ORD-4, ORD-5): placing a 200-line order at the price
list's prices, copying a 500-line order into a revision (atomic),
fulfilling a 500-line order into assets, and a customer's service profile
of 1,000 assets and 20 open orders, each next to hand-written SQL doing the
same work in the same run.

    python -m benchmarks.bench_orders
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python -m benchmarks.bench_orders

Uses a fresh SQLite file unless DATABASE_URL points at an empty scratch
database. The order manager acts (Manage Orders, every account visible).
Figures are reported, never asserted; the targets are 50 ms, 200 ms, 1 s
and 100 ms. Besides the wall clock, each row gives the CPU time of the
process (the wall clock of a shared machine holds waits for a core; on
PostgreSQL the server's work is not in it) and the statements one more
call issues.
"""

import argparse
import os
from collections.abc import Callable
from decimal import Decimal
from typing import Any

from benchmarks.bench_home import percentile, timed
from benchmarks.bench_realignment import setup_django

RAW_PRICES = """SELECT product_id, one_time_price, monthly_price FROM catalog_pricelistitem
WHERE price_list_id = %s AND product_id IN ({marks})"""
RAW_COPY = """INSERT INTO orders_orderline (created_at, updated_at, order_id, key, position,
 action, product_id, asset_id, quantity, one_time_price, monthly_price,
 component_discount_percent, discount_percent, one_time_amount, monthly_amount,
 fulfilment_status, parent_id)
SELECT created_at, updated_at, %s, key, position, action, product_id, asset_id, quantity,
 one_time_price, monthly_price, component_discount_percent, discount_percent, one_time_amount,
 monthly_amount, fulfilment_status, NULL FROM orders_orderline WHERE order_id = %s"""
RAW_ASSETS = """INSERT INTO orders_asset (created_at, updated_at, customer_id, partner_id,
 product_id, parent_id, quantity, status, start_date, end_date, one_time_amount,
 monthly_amount, currency, origin_id)
SELECT created_at, updated_at, %s, NULL, product_id, NULL, quantity, 'active', %s, NULL,
 one_time_amount, monthly_amount, 'EUR', id FROM orders_orderline WHERE order_id = %s"""
RAW_PROFILE = """SELECT a.id, a.product_id, a.quantity, a.parent_id FROM orders_asset a
WHERE a.customer_id = %s AND a.status = 'active' ORDER BY a.id;
SELECT l.id, l.action, l.product_id, l.asset_id, l.quantity FROM orders_orderline l
JOIN orders_order o ON o.id = l.order_id
WHERE o.customer_id = %s AND o.state IN ('pending', 'open', 'in_progress')
ORDER BY l.order_id, l.position"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeat", type=int, default=10)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from openprm.catalog.models import PriceList, PriceListItem, Product
    from openprm.core.actor import Actor
    from openprm.customers.catalog import VIEW_ALL_SALES_DATA
    from openprm.customers.models import Account
    from openprm.identity.models import User
    from openprm.orders import services
    from openprm.orders.catalog import MANAGE_ORDERS
    from openprm.orders.lines import LineSpec
    from openprm.orders.models import Order

    user = User.objects.create(username="bench-manager")
    actor = Actor(user=user, privileges=frozenset({MANAGE_ORDERS, VIEW_ALL_SALES_DATA}))
    customer = Account.objects.create(name="Bench customer", name_search="bench customer")
    other = Account.objects.create(name="Bench scratch", name_search="bench scratch")
    prices = PriceList.objects.create(name="List prices", currency="EUR", audience="list")
    phones = Product.objects.bulk_create(
        Product(code=f"PH-{i:04d}", name=f"Phone {i}", name_search=f"phone {i}") for i in range(500)
    )
    PriceListItem.objects.bulk_create(
        PriceListItem(price_list=prices, product=p, one_time_price=Decimal(100 + i))
        for i, p in enumerate(phones)
    )

    def place(count: int, account: Account = customer) -> Order:
        return services.place_order(
            actor=actor, customer_id=account.pk, contact_id=None, price_list_id=prices.pk,
            opportunity_id=None,
            lines=[LineSpec(product_id=p.pk) for p in (phones * 2)[:count]],
        )  # fmt: skip

    def submitted(order: Order) -> Order:
        return services.order_submit(actor=actor, order=order, expected_version=order.version)

    def fulfil(order: Order) -> Order:
        reports = [services.StatusReport(x.pk, "complete") for x in order.lines.all()]
        return services.fulfilment_report(actor=actor, order=order, reports=reports)

    def raw(sql: str, *params: Any) -> Callable[[], Any]:
        def call() -> Any:
            with connection.cursor() as cursor:
                for statement, values in zip(sql.split(";"), params, strict=True):
                    cursor.execute(statement, values)
            return None

        return call

    # Only the profile's rows belong to the profile's customer: 1,000 assets
    # (two fulfilled 500-line orders) and 20 open orders; the orders the
    # other cases revise and fulfil are another account's.
    big = submitted(place(500, other))

    def revise() -> None:
        revision = services.order_revise(actor=actor, order=big)
        services.order_cancel(actor=actor, order=revision, expected_version=revision.version)

    to_fulfil = [  # two for the profile, then the timed runs and the counted one
        submitted(place(500, customer if i < 2 else other)) for i in range(args.repeat + 2)
    ]
    scratch = [place(500, other) for _ in range(args.repeat + 1)]  # the raw SQL's rows
    for order in to_fulfil[:2]:
        fulfil(order)
    for _ in range(20):
        submitted(place(5))
    marks = ", ".join(["%s"] * 200)
    ids = [p.pk for p in phones[:200]]
    today = timezone.localdate()
    fulfilments, raw_assets = iter(to_fulfil[2:]), iter(scratch)
    cases = (
        ("place a 200-line order", lambda: place(200, other),
         raw(RAW_PRICES.format(marks=marks), [prices.pk, *ids]), 50),
        ("revise a 500-line order (copy, atomic)", revise,
         raw(RAW_COPY, [scratch[0].pk, big.pk]), 200),
        ("fulfil a 500-line order into assets", lambda: fulfil(next(fulfilments)),
         lambda: raw(RAW_ASSETS, [other.pk, today, next(raw_assets).pk])(), 1000),
        ("service profile: 1,000 assets, 20 open orders",
         lambda: services.service_profile(actor=actor, customer_id=customer.pk),
         raw(RAW_PROFILE, [customer.pk], [customer.pk]), 100),
    )  # fmt: skip
    print(f"on {connection.vendor}; load average before: {os.getloadavg()}")
    print(
        "| measurement | app p50 / p95 ms | app CPU p95 ms | statements "
        "| raw SQL p50 / p95 ms | ratio p95 | target met |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, app_call, raw_call, target in cases:
        repeat = args.repeat - 1 if "fulfil" in name else args.repeat
        app, cpu = timed(app_call, repeat)
        sql, _cpu = timed(raw_call, repeat)
        with CaptureQueriesContext(connection) as statements:
            app_call()
        ratio = percentile(app, 95) / max(percentile(sql, 95), 0.001)
        print(
            f"| {name} | {percentile(app, 50):.0f} / {percentile(app, 95):.0f} "
            f"| {percentile(cpu, 95):.0f} | {len(statements)} "
            f"| {percentile(sql, 50):.1f} / {percentile(sql, 95):.1f} | {ratio:.0f}x "
            f"| {'yes' if percentile(app, 95) <= target else 'NO'} (<= {target} ms) |"
        )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
