"""Catalog benchmark (ORD-1, ORD-8): browsing and searching the catalog a
page of 50 at a time with the caller's prices, and pricing a page of
products, next to the best hand-written SQL for the same rows in one run.

A partner user in a tier buys at its tier's price list: the list resolves
through the programs app's partnership (`openprm.catalog.providers`), and a
product not on it is not offered.

    python -m benchmarks.bench_catalog --products 50000 --bundles 2000 --price-lists 200
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python -m benchmarks.bench_catalog ...

Uses a fresh SQLite file unless DATABASE_URL points at an empty scratch
database. Rows are written with bulk INSERTs (no services). Figures are
reported, never asserted; the target is p95 <= 30 ms.
"""

import argparse
import os
import random
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from benchmarks.bench_deals import _insert
from benchmarks.bench_home import percentile, timed
from benchmarks.bench_realignment import setup_django

KINDS = ["device"] * 6 + ["service"] * 2 + ["option"] * 2
WORDS = ["phone", "plan", "router", "modem", "pack", "line", "tablet", "watch", "roam", "data"]


@dataclass(frozen=True)
class BenchUser:
    """A partner user as the actor reads it, without the identity rows."""

    pk: int
    is_active: bool = True
    username: str = "bench-partner"
    is_partner_user: bool = True
    display_name: str = "Bench partner"


def generate(products: int, bundles: int, price_lists: int, items: int) -> tuple[int, int]:
    """Products of every type, bundles of a primary service and two
    components, the list price list with every product, and tier price
    lists of `items` products each; the partner's tier list holds half the
    catalog. Returns the partner id and its tier's price list id."""
    from django.db import connection, transaction
    from django.utils import timezone

    from openprm.catalog.models import PriceList
    from openprm.customers.models import Account
    from openprm.partners.models import PartnerProfile
    from openprm.programs.models import Partnership, Program, Tier

    rng = random.Random(2026)
    now = timezone.now()
    today = timezone.localdate()
    with transaction.atomic(), connection.cursor() as cursor:
        columns = ["code", "name", "name_search", "family", "description", "is_active", "type",
                   "charge_type", "unit", "is_orderable", "created_at", "updated_at",
                   "version"]  # fmt: skip
        rows = []
        for i in range(products + bundles):
            bundle = i >= products
            kind = "bundle" if bundle else KINDS[i % len(KINDS)]
            name = f"{rng.choice(WORDS)} {i}"
            rows.append(
                (f"P{i:07d}", name.title(), name, f"Family {i % 40}", "", i % 50 != 0, kind,
                 "monthly" if kind != "device" else "one_time", "each",
                 kind in ("device", "bundle"), now, now, 1)
            )  # fmt: skip
        _insert(cursor, "catalog_product", columns, rows)
        ids = list(connection.cursor().execute("SELECT id, type FROM catalog_product ORDER BY id"))
        services = [pk for pk, kind in ids if kind == "service"]
        devices = [pk for pk, kind in ids if kind == "device"]
        rows = []
        for pk, kind in ids:
            if kind == "bundle":
                rows.append((pk, rng.choice(services), "primary", 1, 1, Decimal(0)))
                rows.append((pk, rng.choice(services), "component", 1, 5, Decimal(20)))
                rows.append((pk, rng.choice(devices), "component", 0, 5, Decimal(10)))
        _insert(cursor, "catalog_bundlecomponent",
                ["bundle_id", "product_id", "role", "min_quantity", "max_quantity",
                 "discount_percent"], rows)  # fmt: skip
        program = Program.objects.create(code="BENCH", name="Bench Program")
        tiers = [
            Tier.objects.create(program=program, rank=r, name=f"Tier {r}")
            for r in range(1, price_lists)
        ]
        account = Account.objects.create(name="Bench partner", name_search="bench partner")
        partner = PartnerProfile.objects.create(account=account)
        Partnership.objects.create(
            partner=partner, program=program, tier=tiers[0], tier_since=today, status="ACTIVE"
        )
        PriceList.objects.create(name="List prices", currency="EUR", audience="list")
        PriceList.objects.bulk_create(
            [PriceList(name=f"{t.name} prices", audience="tier", tier_id=t.pk) for t in tiers]
        )
        lists = list(PriceList.objects.order_by("pk").values_list("pk", "tier_id"))
        all_ids = [pk for pk, _kind in ids]
        item_columns = ["price_list_id", "product_id", "one_time_price", "monthly_price"]
        for list_id, tier_id in lists:
            if tier_id is None:
                chosen = all_ids
            elif tier_id == tiers[0].pk:
                chosen = sorted(rng.sample(all_ids, len(all_ids) // 2))
            else:
                chosen = sorted(rng.sample(all_ids, min(items, len(all_ids))))
            rows = [(list_id, pk, Decimal(rng.randrange(1, 900)), Decimal(0)) for pk in chosen]
            for start in range(0, len(rows), 20_000):
                _insert(cursor, "catalog_pricelistitem", item_columns, rows[start : start + 20_000])
        partner_list = PriceList.objects.get(tier_id=tiers[0].pk).pk
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    return partner.pk, partner_list


# SQLite's CROSS JOIN keeps the tables in the written order: the products
# walked in name order, each looked up in the list (what `pricing.priced`
# does for a long list); PostgreSQL's planner picks the order itself.
RAW_PAGE = """
SELECT p.id, p.code, p.name, p.family, p.type, p.charge_type, p.unit,
       i.one_time_price, i.monthly_price
FROM catalog_product p {join} catalog_pricelistitem i ON i.product_id = p.id
WHERE i.price_list_id = %s AND p.is_active AND p.is_orderable
  AND (p.active_from IS NULL OR p.active_from <= %s)
  AND (p.active_to IS NULL OR p.active_to >= %s) {search}
ORDER BY p.name_search, p.id LIMIT 51"""
RAW_PRICES = """SELECT product_id, one_time_price, monthly_price FROM catalog_pricelistitem
WHERE price_list_id = %s AND product_id IN ({marks})"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--products", type=int, default=50_000)
    parser.add_argument("--bundles", type=int, default=2_000)
    parser.add_argument("--price-lists", type=int, default=200)
    parser.add_argument("--items", type=int, default=2_000, help="products per other tier list")
    parser.add_argument("--repeat", type=int, default=60)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.utils import timezone

    from openprm.catalog import pricing, tables
    from openprm.core.actor import Actor
    from openprm.core.search import RANGE_END as END

    start = time.perf_counter()
    partner_id, list_id = generate(args.products, args.bundles, args.price_lists, args.items)
    print(f"generated in {time.perf_counter() - start:.0f} s on {connection.vendor}")
    today = timezone.localdate()

    def actor() -> Actor:  # a fresh actor per request, as a request has
        return Actor(user=BenchUser(pk=1), load_partner_reach=lambda: (partner_id,))

    def page(query: dict[str, str]) -> Any:
        """What the page and the API read: the offer is a `count=False` list
        (the total only on request), so a page is 51 rows, no count."""
        return list(tables.OFFER.rows(actor=actor(), query=query)[:51])

    def raw_page(search: str, params: list[Any]) -> Any:
        with connection.cursor() as cursor:
            join = "CROSS JOIN" if connection.vendor == "sqlite" and not search else "JOIN"
            sql = RAW_PAGE.format(search=search, join=join)
            cursor.execute(sql, [list_id, today, today, *params])
            return cursor.fetchall()

    sample = [pk for (pk,) in connection.cursor().execute(
        "SELECT id FROM catalog_product ORDER BY id LIMIT 50")]  # fmt: skip

    def raw_prices() -> Any:
        with connection.cursor() as cursor:
            marks = ", ".join(["%s"] * len(sample))
            cursor.execute(RAW_PRICES.format(marks=marks), [list_id, *sample])
            return cursor.fetchall()

    # The indexed prefix ranges, as the app's search uses them.
    search = "AND ((p.name_search >= %s AND p.name_search < %s) OR (p.code >= %s AND p.code < %s))"
    cases = (
        ("browse, page 1 of 50 with the partner's prices", lambda: page({}),
         lambda: raw_page("", [])),
        ("search 'phone 12' (name or code prefix), page of 50", lambda: page({"q": "phone 12"}),
         lambda: raw_page(search, ["phone 12", f"phone 12{END}", "PHONE 12", f"PHONE 12{END}"])),
        ("prices_for a page of 50 products", lambda: pricing.prices_for(actor(), sample),
         raw_prices),
    )  # fmt: skip
    print(f"load average before: {os.getloadavg()}")
    print("| measurement | app p50 / p95 ms | raw SQL p50 / p95 ms | ratio p95 | p95 <= 30 ms |")
    print("|---|---|---|---|---|")
    for name, app_call, raw_call in cases:
        app_call(), raw_call()  # warm the caches once, as a running server has
        app, _cpu = timed(app_call, args.repeat)
        raw, _cpu = timed(raw_call, args.repeat)
        ratio = percentile(app, 95) / max(percentile(raw, 95), 0.001)
        print(
            f"| {name} | {percentile(app, 50):.1f} / {percentile(app, 95):.1f} "
            f"| {percentile(raw, 50):.1f} / {percentile(raw, 95):.1f} | {ratio:.1f}x "
            f"| {'yes' if percentile(app, 95) <= 30 else 'NO'} |"
        )
    print(f"load average after: {os.getloadavg()}")


if __name__ == "__main__":
    main()
