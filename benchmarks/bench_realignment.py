"""TER-3 benchmark: batch realignment of every account against every
territory, through the app (set-based SQL built from the ORM) versus the same
work as hand-written SQL on the same database in the same run.

    python -m benchmarks.bench_realignment --accounts 100000 --territories 500

Uses a fresh SQLite file unless DATABASE_URL points at a (scratch) database.
Each territory has a country AND an industry criterion and one member, so
every account matches about one territory; the app run also puts that
member on the account team (source Territory).
"""

import argparse
import os
import random
import sys
import tempfile
import time
from typing import Any

COUNTRIES = [
    "US", "CA", "MX", "BR", "AR", "GB", "FR", "DE", "IT", "ES", "PT", "NL", "BE", "CH", "AT",
    "SE", "NO", "DK", "FI", "PL", "CZ", "HU", "RO", "GR", "TR", "JP", "KR", "CN", "IN", "AU",
    "NZ", "ZA", "EG", "NG", "KE", "SA", "AE", "IL", "SG", "MY", "TH", "VN", "ID", "PH", "CL",
    "CO", "PE", "IE", "UA", "LU",
]  # fmt: skip
INDUSTRIES = [f"industry{i}" for i in range(10)]


def setup_django() -> None:
    if "DATABASE_URL" not in os.environ:
        path = os.path.join(tempfile.mkdtemp(prefix="openprm-bench-"), "bench.sqlite3")
        os.environ["DATABASE_URL"] = f"sqlite:///{path}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "openprm.config.settings")
    import django
    from django.core.management import call_command

    django.setup()
    call_command("migrate", verbosity=0)


def generate(accounts: int, territories: int) -> None:
    """Bulk inserts, no signals: the benchmark measures realignment only."""
    from django.db import connection, transaction
    from django.utils import timezone

    from openprm.customers.models import Account
    from openprm.identity.models import Resource
    from openprm.territories.models import Territory, TerritoryCriterion, TerritoryMember

    rng = random.Random(2026)
    now = timezone.now()
    with transaction.atomic():
        Account.objects.bulk_create(
            [
                Account(
                    name=f"Account {i}",
                    name_search=f"account {i}",
                    account_type="customer",
                    is_sales_account=True,
                    country=rng.choice(COUNTRIES),
                    industry=rng.choice(INDUSTRIES),
                    created_at=now,
                    updated_at=now,
                )
                for i in range(accounts)
            ],
            batch_size=2000,
        )
        resources = Resource.objects.bulk_create(
            [Resource(name=f"Rep {i}") for i in range(territories)], batch_size=2000
        )
        created = Territory.objects.bulk_create(
            [Territory(name=f"T{i}") for i in range(territories)], batch_size=2000
        )
        criteria = []
        for i, territory in enumerate(created):
            country = COUNTRIES[i % len(COUNTRIES)]
            industry = INDUSTRIES[(i // len(COUNTRIES)) % len(INDUSTRIES)]
            criteria.append(
                TerritoryCriterion(territory=territory, dimension="country", value=country)
            )
            criteria.append(
                TerritoryCriterion(territory=territory, dimension="industry", value=industry)
            )
        TerritoryCriterion.objects.bulk_create(criteria, batch_size=2000)
        TerritoryMember.objects.bulk_create(
            [
                TerritoryMember(territory=t, resource=r)
                for t, r in zip(created, resources, strict=True)
            ],
            batch_size=2000,
        )
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def reset() -> None:
    from openprm.teams.models import AccountTeamMember
    from openprm.territories.models import AccountTerritory

    AccountTerritory.objects.all().delete()
    AccountTeamMember.objects.all().delete()


def _raw_territory(cursor: Any, territory_id: int, rule: dict[str, str], now: Any) -> None:
    cursor.execute(
        "DELETE FROM territories_accountterritory WHERE territory_id = %s AND source = 'auto' "
        "AND account_id IN (SELECT a.id FROM customers_account a WHERE a.id IN "
        "(SELECT account_id FROM territories_accountterritory WHERE territory_id = %s "
        "AND source = 'auto') AND NOT (a.is_active = %s AND a.country = %s AND a.industry = %s))",
        [territory_id, territory_id, True, rule["country"], rule["industry"]],
    )
    cursor.execute(
        "INSERT INTO territories_accountterritory "
        "(territory_id, source, created_at, updated_at, account_id) "
        "SELECT %s, 'auto', %s, %s, a.id FROM customers_account a "
        "WHERE a.is_active = %s AND a.country = %s AND a.industry = %s "
        "AND NOT EXISTS (SELECT 1 FROM territories_accountterritory x "
        "WHERE x.account_id = a.id AND x.territory_id = %s)",
        [territory_id, now, now, True, rule["country"], rule["industry"], territory_id],
    )


def raw_realignment() -> int:
    """The same statements written by hand: per territory remove + insert,
    then the team sync."""
    from django.db import connection, transaction
    from django.utils import timezone

    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.id, c.dimension, c.value FROM territories_territory t "
            "JOIN territories_territorycriterion c ON c.territory_id = t.id "
            "WHERE t.active = %s AND t.territory_type <> 'partner' ORDER BY t.id",
            [True],
        )
        rules: dict[int, dict[str, str]] = {}
        for territory_id, dimension, value in cursor.fetchall():
            rules.setdefault(territory_id, {})[dimension] = value
        items = list(rules.items())
        for start in range(0, len(items), 25):
            with transaction.atomic():
                for territory_id, rule in items[start : start + 25]:
                    _raw_territory(cursor, territory_id, rule, now)
        with transaction.atomic():
            cursor.execute(
                "INSERT INTO teams_accountteammember (account_id, resource_id, user_id, "
                "access_level, locked, source, version, created_at, updated_at) "
                "SELECT DISTINCT at.account_id, m.resource_id, r.user_id, 'edit', %s, "
                "'territory', 1, %s, %s FROM territories_accountterritory at "
                "JOIN territories_territory t ON t.id = at.territory_id AND t.active = %s "
                "JOIN territories_territorymember m ON m.territory_id = at.territory_id "
                "JOIN identity_resource r ON r.id = m.resource_id "
                "WHERE NOT EXISTS (SELECT 1 FROM teams_accountteammember x "
                "WHERE x.account_id = at.account_id AND (x.resource_id = m.resource_id "
                "OR x.user_id = r.user_id))",
                [False, now, now, True],
            )
            cursor.execute(
                "DELETE FROM teams_accountteammember WHERE source = 'territory' AND locked = %s "
                "AND NOT EXISTS (SELECT 1 FROM territories_accountterritory at "
                "JOIN territories_territory t ON t.id = at.territory_id AND t.active = %s "
                "JOIN territories_territorymember m ON m.territory_id = at.territory_id "
                "WHERE at.account_id = teams_accountteammember.account_id "
                "AND m.resource_id = teams_accountteammember.resource_id)",
                [False, True],
            )
        cursor.execute("SELECT COUNT(*) FROM territories_accountterritory")
        return int(cursor.fetchone()[0])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--territories", type=int, default=100)
    args = parser.parse_args(argv)
    setup_django()
    from django.db import connection

    from openprm.territories.assignment import realign_all
    from openprm.territories.models import AccountTerritory

    started = time.perf_counter()
    generate(args.accounts, args.territories)
    print(f"{connection.vendor}: generated {args.accounts} accounts, {args.territories} "
          f"territories in {time.perf_counter() - started:.1f}s")  # fmt: skip

    started = time.perf_counter()
    realign_all()
    app_first = time.perf_counter() - started
    app_rows = AccountTerritory.objects.count()
    started = time.perf_counter()
    realign_all()
    app_again = time.perf_counter() - started

    reset()
    started = time.perf_counter()
    raw_rows = raw_realignment()
    raw_first = time.perf_counter() - started
    started = time.perf_counter()
    raw_realignment()
    raw_again = time.perf_counter() - started

    if app_rows != raw_rows:
        sys.exit(f"mismatch: app assigned {app_rows}, raw SQL {raw_rows}")
    print(f"assignments: {app_rows}")
    print(f"first realignment: app {app_first:.2f}s, raw SQL {raw_first:.2f}s, "
          f"ratio {app_first / raw_first:.2f}")  # fmt: skip
    print(f"repeat realignment (nothing changes): app {app_again:.2f}s, raw SQL "
          f"{raw_again:.2f}s, ratio {app_again / raw_again:.2f}")  # fmt: skip


if __name__ == "__main__":
    main()
