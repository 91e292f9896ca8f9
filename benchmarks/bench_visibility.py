"""TEAM-5 benchmark: the first page (50 rows) of a filtered, sorted,
visibility-scoped contact list as a salesperson who sees about 10% of the
accounts through account teams (5%) and territories (5%), through the
selector versus the same page by hand-written SQL, same database, same run.

    python -m benchmarks.bench_visibility --contacts 100000
    python -m benchmarks.bench_visibility --contacts 1000000 --work-dir /tmp/v1m
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python -m benchmarks.bench_visibility

SQLite runs with the application's own settings in `--work-dir` (a new
temporary directory by default); with DATABASE_URL the PostgreSQL database
must be empty or hold this benchmark's data from an earlier run. Data that
is already there (the `bench-me` user) is reused, so a 1,000,000-contact
database is generated once. Data goes in with bulk inserts
(benchmarks.generate); one account per ten contacts, owned by other
salespeople. Issue target: p95 <= 50 ms and <= 5x raw.

The hand-written SQL is the best plain query for the same page: the two
name alternatives (last name, full name) each walked in list order with the
visibility check on every row and LIMIT 50, united, then the page's names,
e-mail and phone — what the selector does, without Django.
"""

import argparse
import os
import sys
import tempfile
import time
from typing import Any

PAGE = 50
PREFIXES = ("ma", "jo", "ch", "sa")
CONDITION = """p.is_active
  AND (p.owner_id = %(me)s OR EXISTS (
       SELECT 1 FROM contacts_relationship r JOIN customers_account a ON a.id = r.account_id
       WHERE r.person_id = p.id AND a.is_active AND (a.owner_id = %(me)s
         OR EXISTS (SELECT 1 FROM teams_accountteammember tm WHERE tm.account_id = a.id
                    AND (tm.user_id = %(me)s OR tm.resource_id = %(res)s))
         OR EXISTS (SELECT 1 FROM territories_accountterritory at
                    JOIN territories_territory t ON t.id = at.territory_id AND t.active
                    JOIN territories_territorymember m ON m.territory_id = at.territory_id
                    WHERE at.account_id = a.id AND m.resource_id = %(res)s))))
  AND (p.kind = 'b2c' OR p.owner_id IS NULL OR p.owner_id <> %(me)s OR EXISTS (
       SELECT 1 FROM contacts_relationship r JOIN customers_account a ON a.id = r.account_id
       WHERE r.person_id = p.id AND a.is_active))"""
ORDER = "ORDER BY p.last_name_search, p.name_search, p.id LIMIT 50"
RAW_SQL = f"""
WITH page AS (
  SELECT * FROM (SELECT p.id, p.last_name_search, p.name_search FROM contacts_person p
                 WHERE p.last_name_search >= %(low)s AND p.last_name_search < %(high)s
                   AND {CONDITION} {ORDER}) last_names
  UNION
  SELECT * FROM (SELECT p.id, p.last_name_search, p.name_search FROM contacts_person p
                 WHERE p.name_prefix = %(prefix)s
                   AND p.name_search >= %(low)s AND p.name_search < %(high)s
                   AND {CONDITION} {ORDER}) full_names
)
SELECT p.id, p.first_name, p.last_name,
  (SELECT c.email FROM contacts_contactpoint c
   WHERE c.person_id = p.id AND c.kind = 'email' AND c.is_primary),
  (SELECT c.phone FROM contacts_contactpoint c
   WHERE c.person_id = p.id AND c.kind = 'phone' AND c.is_primary)
FROM page JOIN contacts_person p ON p.id = page.id
ORDER BY page.last_name_search, page.name_search, page.id LIMIT 50
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
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
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


def setup_django(work_dir: str) -> None:
    """The application's settings; SQLite in `work_dir` unless DATABASE_URL."""
    if "DATABASE_URL" not in os.environ:
        os.environ["OPENPRM_VAR_DIR"] = work_dir or tempfile.mkdtemp(prefix="openprm-bench-")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openprm.config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--contacts", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--work-dir", default="", help="SQLite: keep (and reuse) the data here")
    args = parser.parse_args(argv)
    setup_django(args.work_dir)
    from django.db import connection

    from openprm.contacts.filters import ContactFilter
    from openprm.contacts.models import Person
    from openprm.contacts.tables import CONTACTS
    from openprm.core import access
    from openprm.customers.models import Account
    from openprm.identity.actors import actor_for
    from openprm.identity.models import User

    started = time.perf_counter()
    me = User.objects.filter(username="bench-me").first() or generate(args.contacts)
    seen = access.visible(Account, actor_for(me)).count()
    print(f"{connection.vendor}: {Person.objects.count():,} contacts ready in "
          f"{time.perf_counter() - started:.1f}s; the salesperson sees "
          f"{seen:,} of {Account.objects.count():,} accounts")  # fmt: skip
    resource = me.resource.pk

    def ours(prefix: str) -> list[int]:
        actor = actor_for(User.objects.get(pk=me.pk))
        all_contacts = {"saved_search": ""}
        rows = CONTACTS.rows(actor=actor, query=all_contacts, filters=ContactFilter(q=prefix))
        page = rows[:PAGE]
        return [person.pk for person in page]

    def raw(prefix: str) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT id FROM identity_user WHERE id = %s", [me.pk]
            )  # the selector reads its user too
            params = {"me": me.pk, "res": resource, "low": prefix,
                      "high": prefix + "\U0010ffff", "prefix": prefix[:2]}  # fmt: skip
            cursor.execute(RAW_SQL, params)
            return [row[0] for row in cursor.fetchall()]

    for prefix in PREFIXES:
        if ours(prefix) != raw(prefix):
            sys.exit(f"mismatch for {prefix!r}: the selector and the raw SQL differ")
    rounds = max(1, args.repeat // len(PREFIXES))
    ours_ms = [t for prefix in PREFIXES for t in timed(lambda p=prefix: ours(p), rounds)]
    raw_ms = [t for prefix in PREFIXES for t in timed(lambda p=prefix: raw(p), rounds)]
    print(f"first page of 50, q in {', '.join(PREFIXES)}, sorted by name, {len(ours_ms)} calls")
    for label, samples in (("selector", ours_ms), ("raw SQL", raw_ms)):
        print(
            f"{label}: p50 {percentile(samples, 50):.2f} ms, p95 {percentile(samples, 95):.2f} ms"
        )
    ratio = percentile(ours_ms, 95) / percentile(raw_ms, 95)
    print(f"ratio p95 {ratio:.2f} (target: p95 <= 50 ms and <= 5x raw)")


if __name__ == "__main__":
    main()
