"""Orders benchmark (ORD-2, ORD-4, ORD-5, ORD-6): placing a 200-line order
at the price list's prices, a partner power user placing a 200-line order
for a customer of its own, pricing that power user's 200-line cart as its
page and the API show it, copying a 500-line order into a revision (atomic),
fulfilling a 500-line order into assets, and a customer's service profile
of 1,000 assets and 20 open orders, each next to hand-written SQL doing the
same work in the same run.

    python -m benchmarks.bench_orders
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python -m benchmarks.bench_orders

Uses a fresh SQLite file unless DATABASE_URL points at an empty scratch
database. The order manager acts (Manage Orders, every account visible),
except in the power user's case: a portal user of the power type (ORD-2)
whose organization sells to the customer (its opportunity on the
customer's account, DEAL-9) orders at the customer's price list (ORD-6)
through `place_order`, the service the portal's checkout calls, with an
actor built afresh for each order as each portal request builds one. Its
raw SQL is the same result written by hand: the caller checked (power
user, the customer reached through its organization's opportunity, the
customer's price list) in one `SELECT`, the order and its totals, its
number, the 200 lines priced by one `INSERT … SELECT`, its audit entry and
its event. The cart is priced by `carts.pages.cart_summary` (each line's
amounts in reading order, one-time and monthly totals apart), its raw SQL
one `SELECT` of the lines with their amounts and the totals. Figures are
reported, never asserted; the targets are 50 ms (placing, and pricing the
cart), 200 ms, 1 s and 100 ms (none is set for the power user's order).
Besides the wall clock, each row gives the CPU time of the process (the
wall clock of a shared machine holds waits for a core; on PostgreSQL the
server's work is not in it) and the statements one more call issues.
"""

import argparse
import json
import os
import uuid
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
RAW_POWER_CHECK = """SELECT pl.id, pl.currency FROM catalog_pricelist pl
WHERE pl.customer_id = %s AND pl.audience = 'customer'
 AND (pl.active_from IS NULL OR pl.active_from <= %s)
 AND (pl.active_to IS NULL OR pl.active_to >= %s)
 AND EXISTS (SELECT 1 FROM partners_partnercontact pc JOIN partners_partnerprofile pp
  ON pp.id = pc.partner_id WHERE pc.user_id = %s AND pc.portal_user_type = 'power'
  AND pp.id = %s)
 AND EXISTS (SELECT 1 FROM deals_opportunity o WHERE o.account_id = %s AND o.partner_id = %s)
ORDER BY pl.id DESC LIMIT 1"""
RAW_POWER_ORDER = """INSERT INTO orders_order (created_at, updated_at, version, number, revision,
 customer_id, partner_id, price_list_id, currency, state, placed_by_id, one_time_total,
 monthly_total)
SELECT %s, %s, 1, %s, 1, %s, %s, %s, %s, 'pending', %s, COALESCE(SUM(i.one_time_price), 0),
 COALESCE(SUM(i.monthly_price), 0)
FROM catalog_pricelistitem i WHERE i.price_list_id = %s AND i.product_id IN ({marks})
RETURNING id"""
RAW_POWER_NUMBER = "UPDATE orders_order SET number = %s WHERE id = %s"
RAW_POWER_LINES = """INSERT INTO orders_orderline (created_at, updated_at, order_id, key, position,
 action, product_id, asset_id, quantity, one_time_price, monthly_price,
 component_discount_percent, discount_percent, one_time_amount, monthly_amount,
 fulfilment_status, parent_id)
SELECT %s, %s, %s, {key}, ROW_NUMBER() OVER (ORDER BY i.product_id) - 1, 'add', i.product_id,
 NULL, 1, i.one_time_price, i.monthly_price, 0, 0, i.one_time_price, i.monthly_price, 'open', NULL
FROM catalog_pricelistitem i JOIN catalog_product p ON p.id = i.product_id
WHERE i.price_list_id = %s AND i.product_id IN ({marks}) AND p.is_active AND p.is_orderable"""
RAW_KEY = {"postgresql": "gen_random_uuid()", "sqlite": "lower(hex(randomblob(16)))"}
RAW_POWER_TRAIL = """INSERT INTO core_auditentry (content_type_id, object_id, object_repr, action,
 actor_id, actor_name, at, changes) VALUES (%s, %s, %s, 'create', %s, %s, %s, %s)"""
RAW_POWER_EVENT = """INSERT INTO core_businessevent (content_type_id, object_id, kind, actor_id,
 at, data) VALUES (%s, %s, 'order_placed', %s, %s, %s)"""
RAW_CART = """SELECT l.id, l.parent_id, p.name, l.quantity,
 ROUND(l.quantity * l.one_time_price * (100 - l.bundle_discount_percent)
  * (100 - l.discount_percent) / 10000, 2) AS one_time,
 ROUND(l.quantity * l.monthly_price * (100 - l.bundle_discount_percent)
  * (100 - l.discount_percent) / 10000, 2) AS monthly
FROM carts_cartline l JOIN catalog_product p ON p.id = l.product_id
WHERE l.cart_id = %s ORDER BY l.id;
SELECT SUM(ROUND(l.quantity * l.one_time_price * (100 - l.bundle_discount_percent)
  * (100 - l.discount_percent) / 10000, 2)),
 SUM(ROUND(l.quantity * l.monthly_price * (100 - l.bundle_discount_percent)
  * (100 - l.discount_percent) / 10000, 2))
FROM carts_cartline l WHERE l.cart_id = %s"""
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
    from django.contrib.contenttypes.models import ContentType
    from django.db import connection, transaction
    from django.db.models import Count
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from openprm.carts.lines import line_add
    from openprm.carts.pages import cart_summary
    from openprm.carts.services import cart_shop_for
    from openprm.catalog.models import PriceList, PriceListItem, Product
    from openprm.contacts.models import Person
    from openprm.core.actor import Actor
    from openprm.customers.catalog import VIEW_ALL_SALES_DATA
    from openprm.customers.models import Account
    from openprm.deals.models import Opportunity
    from openprm.identity.actors import actor_for, privileges_of
    from openprm.identity.models import User
    from openprm.orders import services
    from openprm.orders.catalog import MANAGE_ORDERS
    from openprm.orders.lines import LineSpec
    from openprm.orders.models import Order
    from openprm.partners.models import PartnerContact, PartnerProfile

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

    # The power user's organization, and the customer it sells to through
    # its opportunity, with the customer's own price list (ORD-6).
    organization = PartnerProfile.objects.create(
        account=Account.objects.create(
            name="Bench partner", name_search="bench partner", account_type="partner"
        ),
        managed_partner=True,
        max_portal_user_type="power",
    )
    power_user = User.objects.create(username="bench-power", user_type="partner")
    PartnerContact.objects.create(
        partner=organization,
        person=Person.objects.create(last_name="Power", first_name="Bench"),
        level="user",
        user=power_user,
        portal_user_type="power",
    )
    theirs = Account.objects.create(name="Bench partner's customer", name_search="bench partner")
    Opportunity.objects.create(
        name="Bench phones", account=theirs, partner=organization, owner=user,
        close_date=timezone.localdate(),
    )  # fmt: skip
    theirs_prices = PriceList.objects.create(
        name="Customer prices", currency="EUR", audience="customer", customer=theirs
    )
    PriceListItem.objects.bulk_create(
        PriceListItem(price_list=theirs_prices, product=p, one_time_price=Decimal(90 + i))
        for i, p in enumerate(phones)
    )
    power_privileges = privileges_of(power_user)

    def place_as_power_user() -> Order:
        """The order as the portal places it: a new actor per request."""
        return services.place_order(
            actor=actor_for(power_user, privileges=power_privileges), customer_id=theirs.pk,
            contact_id=None, price_list_id=theirs_prices.pk, opportunity_id=None,
            lines=[LineSpec(product_id=p.pk) for p in phones[:200]],
        )  # fmt: skip

    cart = cart_shop_for(
        actor=actor_for(power_user, privileges=power_privileges), customer_id=theirs.pk
    )
    for phone in phones[:200]:
        line_add(actor=actor_for(power_user, privileges=power_privileges), product_id=phone.pk)

    def price_cart() -> Any:
        """The cart as its page and the API show it, for a new request."""
        return cart_summary(actor=actor_for(power_user, privileges=power_privileges))

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
    order_type = ContentType.objects.get_for_model(Order).pk
    power_lines = RAW_POWER_LINES.format(marks=marks, key=RAW_KEY[connection.vendor])

    def raw_power_order() -> None:
        """The power user's order written by hand, in one transaction."""
        now = timezone.now()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                RAW_POWER_CHECK,
                [theirs.pk, today, today, power_user.pk, organization.pk, theirs.pk,
                 organization.pk],
            )  # fmt: skip
            price_list, currency = cursor.fetchone()
            cursor.execute(
                RAW_POWER_ORDER.format(marks=marks),
                [now, now, f"NEW-{uuid.uuid4().hex[:16]}", theirs.pk, organization.pk,
                 price_list, currency, power_user.pk, price_list, *ids],
            )  # fmt: skip
            (order_id,) = cursor.fetchone()
            number = f"ORD-{order_id:06d}"
            cursor.execute(RAW_POWER_NUMBER, [number, order_id])
            cursor.execute(power_lines, [now, now, order_id, price_list, *ids])
            if cursor.rowcount != len(ids):
                raise RuntimeError("a product is not on the customer's price list")
            changes = {
                "number": [None, number],
                "customer": [None, theirs.pk],
                "partner": [None, organization.pk],
                "price_list": [None, price_list],
            }
            cursor.execute(
                RAW_POWER_TRAIL,
                [order_type, str(order_id), number, power_user.pk, power_user.username, now,
                 json.dumps(changes)],
            )  # fmt: skip
            cursor.execute(
                RAW_POWER_EVENT,
                [order_type, str(order_id), power_user.pk, now, json.dumps({"number": number})],
            )

    fulfilments, raw_assets = iter(to_fulfil[2:]), iter(scratch)
    cases = (
        ("place a 200-line order", lambda: place(200, other),
         raw(RAW_PRICES.format(marks=marks), [prices.pk, *ids]), 50),
        ("a partner power user places a 200-line order for its customer",
         place_as_power_user, raw_power_order, None),
        ("price the power user's 200-line cart", price_cart,
         raw(RAW_CART, [cart.pk], [cart.pk]), 50),
        ("revise a 500-line order (copy, atomic)", revise,
         raw(RAW_COPY, [scratch[0].pk, big.pk]), 200),
        ("fulfil a 500-line order into assets", lambda: fulfil(next(fulfilments)),
         lambda: raw(RAW_ASSETS, [other.pk, today, next(raw_assets).pk])(), 1000),
        ("service profile: 1,000 assets, 20 open orders",
         lambda: services.service_profile(actor=actor, customer_id=customer.pk),
         raw(RAW_PROFILE, [customer.pk], [customer.pk]), 100),
    )  # fmt: skip
    print(f"on {connection.vendor}; load average before: {os.getloadavg()}")
    place_as_power_user()  # the first call fills the caches, as the order manager's runs did
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
        met = (
            "— (no target)"
            if target is None
            else f"{'yes' if percentile(app, 95) <= target else 'NO'} (<= {target} ms)"
        )
        print(
            f"| {name} | {percentile(app, 50):.0f} / {percentile(app, 95):.0f} "
            f"| {percentile(cpu, 95):.0f} | {len(statements)} "
            f"| {percentile(sql, 50):.1f} / {percentile(sql, 95):.1f} | {ratio:.0f}x "
            f"| {met} |"
        )
    written = Order.objects.filter(customer=theirs).annotate(lines_count=Count("lines"))
    if {(o.one_time_total, o.monthly_total, o.lines_count) for o in written} != {
        (sum(Decimal(90 + i) for i in range(200)), Decimal(0), 200)
    }:
        raise RuntimeError("the power user's orders and their raw SQL differ")
    summary = price_cart()
    if (len(summary.rows), summary.one_time_total) != (
        200,
        sum(Decimal(90 + i) for i in range(200)),
    ):
        raise RuntimeError("the priced cart is not the 200 phones at the customer's prices")
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
