"""Tier evaluation benchmark (PRG-5, PRG-11): evaluating every partner of a
program over its won opportunities, approved registrations and certified
people, next to the
best hand-written aggregate SQL for the same figures on the same database
in one run.

- first run: the figures, each partner placed, a snapshot per partner, the
  upgrades with their history, events and notifications;
- re-run on the same data: the same figures, and nothing written (checked).

    python -m benchmarks.bench_programs --partners 10000 --opportunities 2000000 \
        --registrations 1000000 --certifications 200000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python -m benchmarks.bench_programs ...

Uses a fresh SQLite file unless DATABASE_URL points at an empty scratch
database. Rows are written with bulk INSERTs (no services).
"""

import argparse
import datetime as dt
import random
import time
from typing import Any

from benchmarks.bench_deals import _insert
from benchmarks.bench_realignment import setup_django

STAGES = ["won", "won", "lost", "qualification", "proposal"]
CERTIFICATIONS = ("SALES", "PRESALES", "SUPPORT", "SERVICES")
REG_STATES = ["approved", "won", "lost", "expired", "submitted", "rejected"]


def generate(partners: int, opportunities: int, registrations: int, certifications: int) -> int:
    """Partners in one program at its entry tier; deals closed over the last
    18 months, one in 2,000 won without a currency (an incomplete record);
    people holding certifications issued over the last 36 months."""
    from django.db import connection, transaction
    from django.utils import timezone

    from openprm.customers.models import Account
    from openprm.identity.models import User
    from openprm.partners.models import PartnerProfile
    from openprm.programs.models import Partnership, Program, Tier, TierRequirement

    rng = random.Random(2026)
    now = timezone.now()
    today = timezone.localdate()
    owner = User.objects.create(username="bench-owner")
    with transaction.atomic(), connection.cursor() as cursor:
        Account.objects.bulk_create(
            [
                Account(
                    name=f"Partner {i}",
                    name_search=f"partner {i}",
                    account_type="partner",
                    is_sales_account=True,
                    created_at=now,
                    updated_at=now,
                )
                for i in range(partners + 1)
            ],
            batch_size=10_000,
        )
        accounts = list(Account.objects.order_by("pk").values_list("pk", flat=True))
        PartnerProfile.objects.bulk_create(
            [PartnerProfile(account_id=a) for a in accounts[:partners]], batch_size=10_000
        )
        partner_ids = list(PartnerProfile.objects.values_list("pk", flat=True))
        program = Program.objects.create(code="BENCH", name="Bench Program")
        ladder = (
            ("Registered", ()),
            ("Silver", (("closed_won_revenue", 200_000), ("won_deals", 20))),
            ("Gold", (("closed_won_revenue", 600_000), ("won_deals", 50),
                      ("approved_registrations", 30), ("certified_people", 2, "SALES"))),
            ("Platinum", (("closed_won_revenue", 1_500_000), ("won_deals", 120),
                          ("approved_registrations", 80), ("certified_people", 3, "SALES"),
                          ("certified_people", 1, "SERVICES"))),
        )  # fmt: skip
        for rank, (name, requirements) in enumerate(ladder, 1):
            tier = Tier.objects.create(program=program, rank=rank, name=name)
            for code, threshold, *parameter in requirements:
                TierRequirement.objects.create(
                    tier=tier, indicator=code, threshold=threshold, parameter="".join(parameter)
                )
        entry = program.tiers.get(rank=1)
        Partnership.objects.bulk_create(
            [
                Partnership(partner_id=p, program=program, tier=entry, tier_since=today,
                            status="ACTIVE", created_at=now, updated_at=now)
                for p in partner_ids
            ],
            batch_size=10_000,
        )  # fmt: skip
        customer = accounts[-1]
        columns = ["name", "account_id", "stage", "is_open", "amount", "currency",
                   "close_date", "owner_id", "partner_id", "closed_at", "created_at",
                   "updated_at", "version"]  # fmt: skip
        rows: list[tuple[Any, ...]] = []
        for i in range(opportunities):
            stage = rng.choice(STAGES)
            closed = stage in ("won", "lost")
            rows.append(
                ("Opportunity", customer, stage, not closed, rng.randrange(1_000, 60_000),
                 "" if i % 2_000 == 0 else "USD", today, owner.pk, rng.choice(partner_ids),
                 now - dt.timedelta(days=rng.randrange(540)) if closed else None, now, now, 1)
            )  # fmt: skip
            if len(rows) >= 20_000:
                _insert(cursor, "deals_opportunity", columns, rows)
                rows = []
        if rows:
            _insert(cursor, "deals_opportunity", columns, rows)
        columns = ["number", "state", "partner_id", "owner_id", "title", "customer_name",
                   "customer_key", "country", "web_domain", "tax_id", "address", "currency",
                   "amount", "close_date", "description", "extensions_used", "protection_starts",
                   "created_at", "updated_at", "version", "reject_reason", "decision_note",
                   "conflict_note"]  # fmt: skip
        rows = []
        for i in range(registrations):
            state = rng.choice(REG_STATES)
            starts = today - dt.timedelta(days=rng.randrange(540))
            rows.append(
                (f"DR-{i:08d}", state, rng.choice(partner_ids), owner.pk, "Deal", "Customer",
                 "customer", "US", "", "", "", "USD", 1000, today, "", 0,
                 starts if state not in ("submitted", "rejected") else None, now, now, 1, "",
                 "", "")
            )  # fmt: skip
            if len(rows) >= 20_000:
                _insert(cursor, "deals_dealregistration", columns, rows)
                rows = []
        if rows:
            _insert(cursor, "deals_dealregistration", columns, rows)
        _certifications(partner_ids, certifications, rng)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE" if connection.vendor == "sqlite" else "VACUUM ANALYZE")
    return program.pk


def _certifications(partner_ids: list[int], held: int, rng: random.Random) -> None:
    """Half as many people as `held` certifications, spread over the
    partners, each holding two of the four kinds, issued over the last 36
    months for 24: about two in three are valid today; one in fifty was
    revoked a month after issue."""
    from django.utils import timezone

    from openprm.contacts.models import Person
    from openprm.partners.models import PartnerContact
    from openprm.trainings.models import Certification, HeldCertification

    kinds = [Certification.objects.create(code=c, name=c.title()).pk for c in CERTIFICATIONS]
    today = timezone.localdate()
    people = max(1, held // 2)
    Person.objects.bulk_create(
        [
            Person(first_name="Cert", last_name=f"Holder {i}", name_search=f"holder {i} cert",
                   last_name_search=f"holder {i}")
            for i in range(people)
        ],
        batch_size=10_000,
    )  # fmt: skip
    person_ids = list(
        Person.objects.filter(first_name="Cert").order_by("pk").values_list("pk", flat=True)
    )
    PartnerContact.objects.bulk_create(
        [PartnerContact(partner_id=partner_ids[i % len(partner_ids)], person_id=p)
         for i, p in enumerate(person_ids)],
        batch_size=10_000,
    )  # fmt: skip
    holders = list(PartnerContact.objects.order_by("pk").values_list("pk", flat=True))
    rows = []
    for i in range(held):
        issued = today - dt.timedelta(days=rng.randrange(1_095))
        rows.append(
            HeldCertification(
                holder_id=holders[i % len(holders)], certification_id=rng.choice(kinds),
                issued_on=issued, expires_on=issued + dt.timedelta(days=730),
                revoked_on=issued + dt.timedelta(days=30) if i % 50 == 0 else None,
            )
        )  # fmt: skip
    HeldCertification.objects.bulk_create(rows, batch_size=10_000)


RAW = (
    """SELECT partner_id, SUM(amount) FILTER (WHERE currency = %s AND amount > 0),
              COUNT(*) FILTER (WHERE currency = %s AND amount > 0), COUNT(*)
       FROM deals_opportunity WHERE stage = 'won' AND partner_id IS NOT NULL
         AND closed_at >= %s AND closed_at < %s GROUP BY partner_id""",
    """SELECT partner_id, COUNT(*) FROM deals_dealregistration
       WHERE state IN ('approved', 'won', 'lost', 'expired', 'cancelled')
         AND protection_starts >= %s AND protection_starts <= %s GROUP BY partner_id""",
    """SELECT pc.partner_id, COUNT(DISTINCT h.holder_id), COUNT(*)
       FROM trainings_heldcertification h
       JOIN partners_partnercontact pc ON pc.id = h.holder_id
       WHERE h.certification_id = (SELECT id FROM trainings_certification WHERE code = %s)
         AND h.issued_on <= %s AND h.expires_on >= %s
         AND (h.revoked_on IS NULL OR h.revoked_on > %s) GROUP BY pc.partner_id""",
)


def raw_figures() -> int:
    """The same figures in grouped statements (revenue and won deals share
    one; one per certification a tier names), read into Python."""
    from django.db import connection
    from django.utils import timezone

    from openprm.programs.ladder import months_before

    today = timezone.localdate()
    since = months_before(today, 12)
    start = timezone.make_aware(dt.datetime.combine(since, dt.time.min))
    end = timezone.make_aware(dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min))
    found = 0
    with connection.cursor() as cursor:
        cursor.execute(RAW[0], ["USD", "USD", start, end])
        found += len(cursor.fetchall())
        cursor.execute(RAW[1], [since, today])
        found += len(cursor.fetchall())
        for code in ("SALES", "SERVICES"):
            cursor.execute(RAW[2], [code, today, today, today])
            found += len(cursor.fetchall())
    return found


def _writes() -> tuple[int, ...]:
    from openprm.core.audit.models import BusinessEvent
    from openprm.programs.models import DowngradeReview, Snapshot, TierChange

    return tuple(m.objects.count() for m in (Snapshot, TierChange, DowngradeReview, BusinessEvent))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--partners", type=int, default=1_000)
    parser.add_argument("--opportunities", type=int, default=100_000)
    parser.add_argument("--registrations", type=int, default=50_000)
    parser.add_argument("--certifications", type=int, default=20_000)
    args = parser.parse_args()
    setup_django()
    from django.db import connection
    from django.urls import reverse

    from openprm.programs.evaluation import evaluate
    from openprm.programs.models import Program

    start = time.perf_counter()
    program_id = generate(
        args.partners, args.opportunities, args.registrations, args.certifications
    )
    print(f"generated in {time.perf_counter() - start:.0f} s on {connection.vendor}")
    program = Program.objects.get(pk=program_id)
    reverse("home")  # loads the URLs once, as a running server has
    raw = min(_timed(raw_figures) for _ in range(3))
    first = _timed(lambda: evaluate(program))
    before = _writes()
    outcome = evaluate(program)
    again = min(_timed(lambda: evaluate(program)) for _ in range(3))
    if outcome.wrote or _writes() != before:
        raise SystemExit("a re-run on the same data wrote something")
    print(
        f"evaluating {args.partners:,} partners over {args.opportunities:,} opportunities and "
        f"{args.registrations:,} registrations, {args.certifications:,} certifications: "
        f"first run {first:.2f} s (snapshots, upgrades, "
        f"events); re-run {again:.2f} s, nothing written; raw aggregate SQL {raw:.2f} s; "
        f"ratio re-run/raw {again / raw:.1f}x"
    )


def _timed(function: Any) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
