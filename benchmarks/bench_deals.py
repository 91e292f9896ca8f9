"""Deal registration benchmarks (DEAL-3, DEAL-7, DEAL-2), each next to the
best hand-written SQL for the same result on the same database in one run:

- the conflict check of one registration among N live and closed
  registrations and M open opportunities (`conflicts.conflicts_of`: the
  candidates with the keys they share and their shared products);
- the expiry of the due registrations (`housekeeping.registrations_expire`:
  state, version, timeline event and one digest per owner) against a bare
  UPDATE of the same rows.

    python -m benchmarks.bench_deals --registrations 1000000 --opportunities 500000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python -m benchmarks.bench_deals ...

Uses a fresh SQLite file unless DATABASE_URL points at an empty scratch
database. Rows are written with bulk INSERTs (no services): the benchmark
measures the reads and the expiry pass only.
"""

import argparse
import datetime as dt
import random
import time
from typing import Any

from benchmarks.bench_realignment import setup_django

STATES = ["submitted", "returned", "approved", "rejected", "withdrawn", "won", "lost", "expired"]
COUNTRIES = ["US", "DE", "GB", "FR", "CA", "NL", "SE", "JP", "AU", "BR"]
PRODUCTS = 20
PARTNERS = 2_000


def _insert(cursor: Any, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    marks = ", ".join(["%s"] * len(columns))
    cursor.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", rows)


def generate(registrations: int, opportunities: int, due: int) -> None:
    """Customers are drawn from a pool of one account per eight
    registrations, and each deal has two of twenty products, so a check
    finds a candidate or two, as a busy channel does."""
    from django.db import connection, transaction
    from django.utils import timezone

    from openprm.catalog.models import Product
    from openprm.customers.models import Account
    from openprm.identity.models import User
    from openprm.partners.models import PartnerProfile

    rng = random.Random(2026)
    accounts = max(1_000, registrations // 8)
    now = timezone.now()
    today = timezone.localdate()
    owner = User.objects.create(username="bench-owner")
    with transaction.atomic(), connection.cursor() as cursor:
        Product.objects.bulk_create(
            [Product(code=f"P{i}", name=f"Product {i}") for i in range(PRODUCTS)], batch_size=2000
        )
        Account.objects.bulk_create(
            [
                Account(
                    name=f"Customer {i}",
                    name_search=f"customer {i}",
                    account_type="customer",
                    is_sales_account=True,
                    country=COUNTRIES[i % len(COUNTRIES)],
                    created_at=now,
                    updated_at=now,
                )
                for i in range(accounts + PARTNERS)
            ],
            batch_size=10_000,
        )
        account_ids = list(Account.objects.order_by("pk").values_list("pk", flat=True))
        partner_accounts, customers = account_ids[:PARTNERS], account_ids[PARTNERS:]
        PartnerProfile.objects.bulk_create(
            [PartnerProfile(account_id=a) for a in partner_accounts], batch_size=5000
        )
        partners = list(PartnerProfile.objects.values_list("pk", flat=True))
        products = list(Product.objects.values_list("pk", flat=True))
        columns = [
            "number", "state", "partner_id", "owner_id", "title", "account_id", "customer_name",
            "customer_key", "country", "web_domain", "tax_id", "address", "currency", "amount",
            "close_date", "description", "extensions_used", "protection_ends", "created_at",
            "updated_at", "version", "reject_reason", "decision_note", "conflict_note",
        ]  # fmt: skip
        batch: list[tuple[Any, ...]] = []
        lines: list[tuple[Any, ...]] = []
        for i in range(1, registrations + 1):
            state = "approved" if i <= due else rng.choice(STATES)
            ends = today - dt.timedelta(days=1) if i <= due else today + dt.timedelta(days=30)
            matched = rng.random() < 0.5
            customer = rng.randrange(accounts)
            batch.append(
                (
                    f"DR-{i:07d}", state, rng.choice(partners), owner.pk, "Deal",
                    customers[customer] if matched else None, f"Customer {customer}",
                    f"customer {customer}", COUNTRIES[customer % len(COUNTRIES)],
                    f"c{customer}.example" if rng.random() < 0.5 else "",
                    f"T{customer}" if rng.random() < 0.3 else "", "", "USD", 1000,
                    today, "", 0, ends, now, now, 1, "", "", "",
                )
            )  # fmt: skip
            for product in rng.sample(products, 2):
                lines.append((i, product, 1, 500, now, now))
            if len(batch) >= 20_000:
                _insert(cursor, "deals_dealregistration", columns, batch)
                _insert(
                    cursor,
                    "deals_registrationline",
                    ["registration_id", "product_id", "quantity", "amount", "created_at",
                     "updated_at"],
                    lines,
                )  # fmt: skip
                batch, lines = [], []
        if batch:
            _insert(cursor, "deals_dealregistration", columns, batch)
            _insert(
                cursor,
                "deals_registrationline",
                ["registration_id", "product_id", "quantity", "amount", "created_at",
                 "updated_at"],
                lines,
            )  # fmt: skip
        opp_rows, opp_lines = [], []
        for i in range(1, opportunities + 1):
            opp_rows.append(
                ("Opportunity", customers[rng.randrange(accounts)], "qualification", True, 1000,
                 "USD", today, owner.pk, now, now, 1)
            )  # fmt: skip
            for product in rng.sample(products, 2):
                opp_lines.append((i, product, 1, 500, now, now))
            if len(opp_rows) >= 20_000:
                _flush_opportunities(cursor, opp_rows, opp_lines)
                opp_rows, opp_lines = [], []
        if opp_rows:
            _flush_opportunities(cursor, opp_rows, opp_lines)
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    else:
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


def _flush_opportunities(
    cursor: Any, rows: list[tuple[Any, ...]], lines: list[tuple[Any, ...]]
) -> None:
    _insert(
        cursor,
        "deals_opportunity",
        ["name", "account_id", "stage", "is_open", "amount", "currency", "close_date", "owner_id",
         "created_at", "updated_at", "version"],
        rows,
    )  # fmt: skip
    _insert(
        cursor,
        "deals_opportunityline",
        ["opportunity_id", "product_id", "quantity", "amount", "created_at", "updated_at"],
        lines,
    )


RAW_CONFLICTS = """
SELECT 'r', r.id, r.account_id, r.tax_id, r.web_domain, r.customer_key, r.country, l.product_id
FROM deals_dealregistration r JOIN deals_registrationline l ON l.registration_id = r.id
WHERE r.state IN ('submitted', 'returned', 'approved') AND r.partner_id <> %s AND r.id <> %s
  AND (r.account_id = %s OR r.tax_id = %s OR r.web_domain = %s
       OR (r.customer_key = %s AND r.country = %s))
  AND l.product_id IN (SELECT product_id FROM deals_registrationline WHERE registration_id = %s)
UNION ALL
SELECT 'o', o.id, o.account_id, '', '', '', '', l.product_id
FROM deals_opportunity o JOIN deals_opportunityline l ON l.opportunity_id = o.id
WHERE o.account_id = %s AND o.is_open AND (o.partner_id IS NULL OR o.partner_id <> %s)
  AND l.product_id IN (SELECT product_id FROM deals_registrationline WHERE registration_id = %s)
"""


def raw_conflicts(row: Any) -> list[tuple[Any, ...]]:
    """One statement: the candidates with their keys and shared products."""
    from django.db import connection

    pk, partner, account, tax, domain, key, country = row
    with connection.cursor() as cursor:
        cursor.execute(
            RAW_CONFLICTS,
            [partner, pk, account or -1, tax or "\x01", domain or "\x01", key, country, pk,
             account or -1, partner, pk],
        )  # fmt: skip
        return cursor.fetchall()


def measure_conflicts(samples: int) -> tuple[list[float], list[float], float]:
    from benchmarks.measures import timed
    from openprm.deals.conflicts import conflicts_of
    from openprm.deals.models import DealRegistration

    rng = random.Random(7)
    last = DealRegistration.objects.order_by("-pk").values_list("pk", flat=True).first() or 1
    picked = [DealRegistration.objects.get(pk=rng.randint(1, last)) for _ in range(samples)]
    rows = [
        (r.pk, r.partner_id, r.account_id, r.tax_id, r.web_domain, r.customer_key, str(r.country))
        for r in picked
    ]
    found = sum(len(conflicts_of(r)) for r in picked)
    app = [timed(lambda r=r: conflicts_of(r), 1)[0] for r in picked]
    raw = [timed(lambda row=row: raw_conflicts(row), 1)[0] for row in rows]
    return app, raw, found / samples


def measure_expiry() -> tuple[float, float, int]:
    from django.db import connection, transaction
    from django.urls import reverse
    from django.utils import timezone

    from openprm.deals.housekeeping import registrations_expire

    reverse("home")  # loads the URLs once, as a running server has
    today = timezone.localdate()
    with transaction.atomic():
        start = time.perf_counter()
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE deals_dealregistration SET state = 'expired', version = version + 1 "
                "WHERE state = 'approved' AND protection_ends < %s",
                [today],
            )
            count = cursor.rowcount
        raw = time.perf_counter() - start
        transaction.set_rollback(True)
    start = time.perf_counter()
    expired = registrations_expire(today)
    app = time.perf_counter() - start
    again = registrations_expire(today)
    if (expired, again) != (count, 0):
        raise SystemExit(f"expiry counts differ: app {expired}, again {again}, raw {count}")
    return app, raw, expired


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--registrations", type=int, default=100_000)
    parser.add_argument("--opportunities", type=int, default=50_000)
    parser.add_argument("--due", type=int, default=0, help="default: registrations / 10")
    parser.add_argument("--samples", type=int, default=300)
    args = parser.parse_args()
    setup_django()
    from django.db import connection

    from benchmarks.measures import percentile
    from openprm.core.notifications.models import Notification

    start = time.perf_counter()
    generate(args.registrations, args.opportunities, args.due or args.registrations // 10)
    print(f"generated in {time.perf_counter() - start:.0f} s on {connection.vendor}")
    app, raw, found = measure_conflicts(args.samples)
    print(
        f"conflict check among {args.registrations:,} registrations and "
        f"{args.opportunities:,} opportunities ({found:.1f} candidates on average): "
        f"p50 {percentile(app, 50):.2f} ms, p95 {percentile(app, 95):.2f} ms; raw SQL p50 "
        f"{percentile(raw, 50):.2f} ms, p95 {percentile(raw, 95):.2f} ms; "
        f"ratio at p95 {percentile(app, 95) / percentile(raw, 95):.1f}x"
    )
    app_s, raw_s, expired = measure_expiry()
    print(
        f"expiry of {expired:,} due registrations: {app_s:.1f} s (state, version, timeline "
        f"events, {Notification.objects.count():,} digests); bare UPDATE {raw_s:.1f} s"
    )


if __name__ == "__main__":
    main()
