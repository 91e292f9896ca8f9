"""Deal pages people wait for (issue 15's speed points), each through the
whole Django stack as a signed-in browser asks for it, next to the best
hand-written SQL for the same figures on the same database in one run:

- the registrations queue of a channel manager with 5,000 pending
  registrations, each row with its conflict badge (`deals:registration_list`);
- a partner's pipeline dashboard with 50,000 opportunities: the channel
  manager's Deals tab of the partner (`deals:partner_deals`) and the partner
  user's Performance page in the portal (`portal:performance`);
- routing 10,000 leads in one batch by two workers at once: the time, and
  that no lead went to two partners and no partner passed its capacity.

    python -m benchmarks.bench_deal_pages
    python -m benchmarks.bench_deal_pages --pending 5000 --opportunities 50000 --leads 10000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python -m benchmarks.bench_deal_pages

SQLite runs in a new temporary directory; with DATABASE_URL the database
must be empty. Rows are written in bulk (no services) except the partner,
its portal user and the channel manager, made through the services.
Targets: p95 <= 50 ms per page. Figures are reported, never asserted.
"""

import argparse
import datetime as dt
import random
import sys
import threading
import time
from collections import Counter
from collections.abc import Callable
from typing import Any

from benchmarks.bench_home import percentile, setup_django, timed

STAGES = ["qualification", "proposal", "negotiation", "won", "lost"]
PENDING = ["submitted", "returned"]
CLOSED = ["approved", "rejected", "withdrawn", "won", "lost", "expired"]
PARTNERS = 200
PRODUCTS = 20
CAPACITY = 60


def _insert(cursor: Any, table: str, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    marks = ", ".join(["%s"] * len(columns))
    for start in range(0, len(rows), 20_000):
        cursor.executemany(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})",
            rows[start : start + 20_000],
        )


def _people() -> dict[str, Any]:
    """The channel manager and, through the services, the measured partner
    with its administrator as portal user."""
    from openprm.identity.actors import actor_for
    from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER, PARTNER_ADMINISTRATOR
    from openprm.identity.models import Role, User
    from openprm.partners.models import PartnerContact
    from openprm.partners.services import (
        partner_contact_promote_to_resource,
        partner_contact_promote_to_user,
        partner_create,
    )

    cam = User.objects.create(username="bench-cam", first_name="Cam")
    cam.roles.set(Role.objects.filter(code=CHANNEL_ACCOUNT_MANAGER))
    actor = actor_for(cam)
    partner = partner_create(
        actor=actor,
        data={"name": "Bench Partner", "country": "US"},
        primary_contact={"first_name": "Pat", "last_name": "Bench"},
        confirm_duplicates=True,
    )
    contact = PartnerContact.objects.get(partner=partner)
    contact = partner_contact_promote_to_resource(
        actor=actor,
        contact=contact,
        role_id=Role.objects.get(code=PARTNER_ADMINISTRATOR).pk,
        expected_version=contact.version,
    )
    contact = partner_contact_promote_to_user(
        actor=actor,
        contact=contact,
        username="bench-partner",
        email="bench-partner@partner.example",
        expected_version=contact.version,
        base_url="http://testserver",
    )
    return {"cam": cam, "partner": partner, "partner_user": contact.user}


def generate(pending: int, closed: int, opportunities: int, leads: int) -> dict[str, Any]:
    from django.db import connection, transaction
    from django.utils import timezone

    from openprm.catalog.models import Product
    from openprm.customers.models import Account
    from openprm.partners.models import PartnerProfile

    rng = random.Random(2026)
    people = _people()
    now, today = timezone.now(), timezone.localdate()
    customers_n = max(1_000, (pending + closed) // 8)
    with transaction.atomic(), connection.cursor() as cursor:
        Product.objects.bulk_create(
            [Product(code=f"P{i}", name=f"Product {i}") for i in range(PRODUCTS)]
        )
        Account.objects.bulk_create(
            [
                Account(
                    name=f"Customer {i}",
                    name_search=f"customer {i}",
                    account_type="customer",
                    is_sales_account=True,
                    country="US",
                    owner=people["cam"],
                    created_at=now,
                    updated_at=now,
                )
                for i in range(customers_n + PARTNERS)
            ],
            batch_size=10_000,
        )
        ids = list(
            Account.objects.filter(name__startswith="Customer ")
            .order_by("pk")
            .values_list("pk", flat=True)
        )
        partner_accounts, customers = ids[:PARTNERS], ids[PARTNERS:]
        PartnerProfile.objects.bulk_create(
            [PartnerProfile(account_id=a, lead_capacity=CAPACITY) for a in partner_accounts]
        )
        partners = list(
            PartnerProfile.objects.exclude(pk=people["partner"].pk).values_list("pk", flat=True)
        )
        products = list(Product.objects.values_list("pk", flat=True))
        columns = [
            "number", "state", "partner_id", "owner_id", "title", "account_id", "customer_name",
            "customer_key", "country", "web_domain", "tax_id", "address", "currency", "amount",
            "close_date", "description", "extensions_used", "protection_ends", "created_at",
            "updated_at", "version", "reject_reason", "decision_note", "conflict_note",
            "channel_manager_id", "first_submitted_at", "submitted_at",
        ]  # fmt: skip
        rows, lines = [], []
        states = [
            *(PENDING[i % 2] for i in range(pending)),
            *(rng.choice(CLOSED) for _ in range(closed)),
        ]
        rng.shuffle(states)
        for i, state in enumerate(states, start=1):
            customer = rng.randrange(len(customers))
            submitted = now - dt.timedelta(hours=rng.randrange(1, 24 * 20))
            rows.append(
                (
                    f"DR-{i:07d}", state, rng.choice(partners), people["cam"].pk, "Deal",
                    customers[customer], f"Customer {customer}", f"customer {customer}", "US",
                    "", "", "", "USD", 1000, today + dt.timedelta(days=30), "", 0,
                    today + dt.timedelta(days=30) if state == "approved" else None, now, now, 1,
                    "", "", "", people["cam"].pk, submitted, submitted,
                )
            )  # fmt: skip
            lines.extend((i, product, 1, 500, now, now) for product in rng.sample(products, 2))
        _insert(cursor, "deals_dealregistration", columns, rows)
        _insert(
            cursor,
            "deals_registrationline",
            ["registration_id", "product_id", "quantity", "amount", "created_at", "updated_at"],
            lines,
        )
        opps = []
        for _ in range(opportunities):
            stage = rng.choice(STAGES)
            opps.append(
                (f"Opportunity {_}", customers[rng.randrange(len(customers))], stage,
                 stage not in ("won", "lost"), rng.randrange(1, 100) * 1000, "USD", today,
                 people["cam"].pk, people["partner"].pk, now, now, 1)
            )  # fmt: skip
        _insert(
            cursor,
            "deals_opportunity",
            ["name", "account_id", "stage", "is_open", "amount", "currency", "close_date",
             "owner_id", "partner_id", "created_at", "updated_at", "version"],
            opps,
        )  # fmt: skip
        lead_columns = ["name", "account_id", "status", "description", "owner_id", "amount",
                        "currency", "created_at", "updated_at", "version"]  # fmt: skip
        _insert(
            cursor,
            "deals_lead",
            lead_columns,
            [
                (
                    f"Lead {i}",
                    customers[rng.randrange(len(customers))],
                    "new",
                    "",
                    people["cam"].pk,
                    0,
                    "USD",
                    now,
                    now,
                    1,
                )
                for i in range(leads)
            ],
        )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    return people


def page(user: Any, path: str) -> Callable[[], Any]:
    from django.test import Client

    client = Client()
    client.force_login(user)

    def get() -> Any:
        response = client.get(path)
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")
        return response

    return get


def raw_queue() -> list[tuple[Any, ...]]:
    """The queue's first page: 25 pending registrations, oldest first, with
    their partner's name and each one's conflict count (other partners'
    live registrations on the same customer sharing a product)."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT r.id, r.number, r.customer_name, a.name, r.amount, r.submitted_at,
              (SELECT count(DISTINCT o.id) FROM deals_dealregistration o
                 JOIN deals_registrationline ol ON ol.registration_id = o.id
                WHERE o.account_id = r.account_id AND o.partner_id <> r.partner_id
                  AND o.state IN ('submitted', 'returned', 'approved')
                  AND ol.product_id IN (SELECT product_id FROM deals_registrationline
                                         WHERE registration_id = r.id))
            FROM deals_dealregistration r
            JOIN partners_partnerprofile p ON p.id = r.partner_id
            JOIN customers_account a ON a.id = p.account_id
            WHERE r.state IN ('submitted', 'returned')
            ORDER BY r.submitted_at, r.id LIMIT 26
            """
        )
        return cursor.fetchall()


def raw_pipeline(partner_id: int) -> Callable[[], list[Any]]:
    """The dashboard's figures: registrations by state, approval times,
    won/lost/pipeline/won revenue and answered offers of one partner."""
    from django.db import connection

    def read() -> list[Any]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT state, count(*) FROM deals_dealregistration WHERE partner_id = %s "
                "GROUP BY state",
                [partner_id],
            )
            found = cursor.fetchall()
            cursor.execute(
                "SELECT first_submitted_at, decided_at FROM deals_dealregistration "
                "WHERE partner_id = %s AND state IN ('approved', 'won', 'lost', 'expired') "
                "AND decided_at IS NOT NULL AND first_submitted_at IS NOT NULL",
                [partner_id],
            )
            found += cursor.fetchall()
            cursor.execute(
                "SELECT sum(CASE WHEN stage = 'won' THEN 1 ELSE 0 END), "
                "sum(CASE WHEN stage = 'lost' THEN 1 ELSE 0 END), "
                "sum(CASE WHEN is_open THEN amount END), "
                "sum(CASE WHEN stage = 'won' THEN amount END) "
                "FROM deals_opportunity WHERE partner_id = %s",
                [partner_id],
            )
            found += cursor.fetchall()
            cursor.execute(
                "SELECT count(*), sum(CASE WHEN outcome = 'accepted' THEN 1 ELSE 0 END) "
                "FROM deals_leadoffer WHERE partner_id = %s AND outcome <> 'open'",
                [partner_id],
            )
            return found + cursor.fetchall()

    return read


def route_in_two_workers(cam: Any) -> tuple[float, int, int, int]:
    """Both workers route the whole batch at once; the seconds, the leads
    offered, leads with two open offers, and partners over capacity."""
    from django.db import connection

    from openprm.deals.models import Lead, LeadOffer
    from openprm.deals.services import leads_route_batch
    from openprm.identity.actors import actor_for

    ids = list(Lead.objects.filter(status="new").values_list("pk", flat=True))
    barrier = threading.Barrier(2)
    offered: list[int] = []

    def worker() -> None:
        try:
            barrier.wait()
            offered.append(len(leads_route_batch(actor=actor_for(cam), lead_ids=ids).routed))
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    seconds = time.perf_counter() - started
    open_offers = LeadOffer.objects.filter(outcome="open")
    doubled = sum(
        1 for n in Counter(open_offers.values_list("lead_id", flat=True)).values() if n > 1
    )
    loads = Counter(open_offers.values_list("partner_id", flat=True))
    over = sum(1 for n in loads.values() if n > CAPACITY)
    return seconds, sum(offered), doubled, over


def line(name: str, app: list[float], raw: list[float]) -> str:
    def p(samples: list[float]) -> str:
        return f"{percentile(samples, 50):.1f} / {percentile(samples, 95):.1f}"

    met = "yes" if percentile(app, 95) <= 50 else "NO"
    ratio = percentile(app, 95) / percentile(raw, 95)
    return f"| {name} | {p(app)} | {p(raw)} | {ratio:.1f}x | {met} |"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pending", type=int, default=1_000)
    parser.add_argument("--closed", type=int, default=5_000)
    parser.add_argument("--opportunities", type=int, default=5_000)
    parser.add_argument("--leads", type=int, default=1_000)
    parser.add_argument("--repeat", type=int, default=50)
    parser.add_argument("--work-dir", default="")
    args = parser.parse_args(argv)
    setup_django(args.work_dir)
    from django.db import connection
    from django.urls import reverse

    started = time.perf_counter()
    people = generate(args.pending, args.closed, args.opportunities, args.leads)
    print(
        f"{connection.vendor}: generated in {time.perf_counter() - started:.0f} s", file=sys.stderr
    )
    partner = people["partner"].pk
    pipeline = raw_pipeline(partner)
    queue = reverse("deals:registration_list") + "?state=submitted"
    deals_tab = reverse("deals:partner_deals", args=[partner])
    measured = [
        ("registrations queue (channel manager)", page(people["cam"], queue), raw_queue),
        ("partner Deals tab (channel manager)", page(people["cam"], deals_tab), pipeline),
        ("portal Performance (partner user)",
         page(people["partner_user"], reverse("portal:performance")), pipeline),
    ]  # fmt: skip
    print(
        f"{args.pending:,} pending and {args.closed:,} decided registrations, "
        f"{args.opportunities:,} opportunities of one partner, {connection.vendor}\n"
    )
    print("| page | app p50 / p95 ms | raw SQL p50 / p95 ms | ratio p95 | p95 <= 50 ms |")
    print("|---|---|---|---|---|")
    for name, get, raw in measured:
        for _ in range(5):
            get()
            raw()
        app_ms, _cpu = timed(get, args.repeat)
        raw_ms, _cpu = timed(raw, args.repeat)
        print(line(name, app_ms, raw_ms))
    seconds, offered, doubled, over = route_in_two_workers(people["cam"])
    print(
        f"\nrouting {args.leads:,} leads by two workers at once: {seconds:.1f} s, "
        f"{offered:,} offered ({PARTNERS} partners of capacity {CAPACITY}), "
        f"{doubled} leads offered twice, {over} partners over capacity"
    )


if __name__ == "__main__":
    main()
