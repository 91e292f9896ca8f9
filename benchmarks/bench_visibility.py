"""TEAM-5 benchmark: the first page (50 rows) of a filtered, sorted,
visibility-scoped contact list as a salesperson who sees about 10% of the
accounts through account teams (5%) and territories (5%), through the
selector versus the same rows by hand-written SQL, same database, same run.

    python -m benchmarks.bench_visibility --contacts 100000
    python -m benchmarks.bench_visibility --contacts 1000000
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python -m benchmarks.bench_visibility

Uses a fresh SQLite file unless DATABASE_URL points at an empty scratch
database (drop and create it before each run). Data goes in with bulk
inserts (benchmarks.generate); one account per ten contacts, owned by other
salespeople. Issue target: p95 <= 50 ms and <= 5x raw.
"""

import argparse
import os
import sys
import tempfile
import time
from typing import Any

from benchmarks.bench_realignment import setup_django

PAGE = 50
PREFIX = "ma"
RAW_SQL = """
WITH mine(id) AS (
  SELECT id FROM customers_account WHERE owner_id = %(me)s
  UNION SELECT account_id FROM teams_accountteammember WHERE user_id = %(me)s
  UNION SELECT at.account_id FROM territories_accountterritory at
        JOIN territories_territory t ON t.id = at.territory_id AND t.active = %(yes)s
        JOIN territories_territorymember m ON m.territory_id = t.id
        JOIN identity_resource res ON res.id = m.resource_id WHERE res.user_id = %(me)s)
SELECT p.id FROM contacts_person p
WHERE p.is_active = %(yes)s
  AND ((p.name_search >= %(low)s AND p.name_search < %(high)s)
       OR (p.last_name_search >= %(low)s AND p.last_name_search < %(high)s))
  AND EXISTS (SELECT 1 FROM contacts_relationship r JOIN customers_account a ON a.id = r.account_id
              WHERE r.person_id = p.id AND a.is_active = %(yes)s)
  AND (p.owner_id = %(me)s OR EXISTS (
       SELECT 1 FROM contacts_relationship r JOIN customers_account a ON a.id = r.account_id
       WHERE r.person_id = p.id AND a.is_active = %(yes)s AND a.id IN (SELECT id FROM mine)))
ORDER BY p.last_name_search, p.id
LIMIT 50
"""


def generate(contacts: int) -> Any:
    """Accounts, contacts, and the salesperson's teams and territory."""
    from django.db import connection, transaction
    from django.utils import timezone

    from benchmarks import generate as data
    from openprm.identity.models import Resource, Role, User
    from openprm.imports.bulk import insert_tuples
    from openprm.teams.models import AccountTeamMember
    from openprm.territories.models import AccountTerritory, Territory, TerritoryMember

    owners = []
    for number in range(10):
        user = User.objects.create(username=f"bench-owner{number}")
        user.roles.set(Role.objects.filter(code="salesperson"))
        owners.append(user)
    me = User.objects.create(username="bench-me")
    me.roles.set(Role.objects.filter(code="salesperson"))
    names = data.name_pool()
    account_ids = data.generate_accounts(max(100, contacts // 10), [u.pk for u in owners], names)
    data.generate_contacts(contacts, account_ids, owners[0].pk, names)
    now = timezone.now()
    with transaction.atomic():
        resource = Resource.objects.create(name="Me", user=me)
        territory = Territory.objects.create(name="Mine")
        TerritoryMember.objects.create(territory=territory, resource=resource)
        insert_tuples(
            AccountTeamMember._meta.db_table,
            ["account_id", "user_id", "access_level", "locked", "source", "version",
             "created_at", "updated_at"],
            [(a, me.pk, "edit", False, "manual", 1, now, now) for a in account_ids[0::20]],
        )  # fmt: skip
        insert_tuples(
            AccountTerritory._meta.db_table,
            ["account_id", "territory_id", "source", "created_at", "updated_at"],
            [(a, territory.pk, "auto", now, now) for a in account_ids[10::20]],
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return me


def percentile(samples: list[float], pct: float) -> float:
    ordered = sorted(samples)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


def timed(function: Any, repeat: int) -> list[float]:
    samples = []
    for _ in range(repeat):
        started = time.perf_counter()
        function()
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=100)
    args = parser.parse_args(argv)
    if "DATABASE_URL" not in os.environ:
        path = os.path.join(tempfile.mkdtemp(prefix="openprm-bench-"), "bench.sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    setup_django()
    from django.db import connection

    from openprm.contacts.filters import ContactFilter
    from openprm.contacts.selectors import contact_list
    from openprm.core import access
    from openprm.customers.models import Account

    started = time.perf_counter()
    me = generate(args.contacts)
    seen = access.visible(Account, me).count()
    print(f"{connection.vendor}: generated {args.contacts:,} contacts in "
          f"{time.perf_counter() - started:.1f}s; the salesperson sees {seen:,} of "
          f"{Account.objects.count():,} accounts")  # fmt: skip

    def ours() -> list[int]:
        rows = contact_list(actor=me, filters=ContactFilter(q=PREFIX)).order_by(
            "last_name_search", "pk"
        )
        return [person.pk for person in rows[:PAGE]]

    def raw() -> list[int]:
        with connection.cursor() as cursor:
            params = {"yes": True, "me": me.pk, "low": PREFIX, "high": PREFIX + "\U0010ffff"}
            cursor.execute(RAW_SQL, params)
            return [row[0] for row in cursor.fetchall()]

    if ours() != raw():
        sys.exit("mismatch: the selector and the raw SQL return different rows")
    ours_ms, raw_ms = timed(ours, args.repeat), timed(raw, args.repeat)
    for label, samples in (("selector", ours_ms), ("raw SQL", raw_ms)):
        print(
            f"{label}: p50 {percentile(samples, 50):.2f} ms, p95 {percentile(samples, 95):.2f} ms"
        )
    ratio = percentile(ours_ms, 95) / percentile(raw_ms, 95)
    print(f"ratio p95 {ratio:.2f} (target: p95 <= 50 ms and <= 5x raw)")


if __name__ == "__main__":
    main()
