"""TER-3 benchmark: batch realignment of every account against every
territory, through the app (`realignment.realign_all`: match terms joined to
the accounts in one statement, then the difference) versus the same work as
hand-written SQL on the same database in the same run.

    python -m benchmarks.bench_realignment --accounts 100000 --territories 500
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench python -m benchmarks.bench_realignment ...

Uses a fresh SQLite file unless DATABASE_URL points at an empty scratch
database (drop and create it before each run).
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


RAW_MATCH = (
    "CREATE TEMPORARY TABLE raw_terms AS SELECT c1.territory_id, c1.value AS country, "
    "c2.value AS industry FROM territories_territorycriterion c1 "
    "JOIN territories_territorycriterion c2 ON c2.territory_id = c1.territory_id "
    "AND c1.dimension = 'country' AND c2.dimension = 'industry' "
    "JOIN territories_territory t ON t.id = c1.territory_id "
    "WHERE t.active = %s AND t.territory_type <> 'partner'"
)


def raw_realignment() -> int:
    """The same statements written by hand for this data's one shape of
    criteria (country AND industry): match into a temporary table, delete and
    insert the difference, then the team sync."""
    from django.db import connection, transaction
    from django.utils import timezone

    now = timezone.now()
    with connection.cursor() as cursor:
        cursor.execute("DROP TABLE IF EXISTS raw_terms")
        cursor.execute("DROP TABLE IF EXISTS raw_matches")
        with transaction.atomic():
            cursor.execute(RAW_MATCH, [True])
            cursor.execute(
                "CREATE TEMPORARY TABLE raw_matches (account_id bigint NOT NULL, "
                "territory_id bigint NOT NULL, PRIMARY KEY (account_id, territory_id))"
            )
            cursor.execute(
                "INSERT INTO raw_matches SELECT a.id, t.territory_id FROM customers_account a "
                "JOIN raw_terms t ON t.country = a.country AND t.industry = a.industry "
                "WHERE a.is_active = %s",
                [True],
            )
        with transaction.atomic():
            cursor.execute(
                "DELETE FROM territories_accountterritory WHERE source = 'auto' AND NOT EXISTS "
                "(SELECT 1 FROM raw_matches m WHERE m.account_id = "
                "territories_accountterritory.account_id AND m.territory_id = "
                "territories_accountterritory.territory_id)"
            )
            cursor.execute(
                "INSERT INTO territories_accountterritory "
                "(territory_id, source, created_at, updated_at, account_id) "
                "SELECT m.territory_id, 'auto', %s, %s, m.account_id FROM raw_matches m "
                "WHERE NOT EXISTS (SELECT 1 FROM territories_accountterritory x "
                "WHERE x.account_id = m.account_id AND x.territory_id = m.territory_id)",
                [now, now],
            )
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
        cursor.execute("DROP TABLE raw_terms")
        cursor.execute("DROP TABLE raw_matches")
        cursor.execute("SELECT COUNT(*) FROM territories_accountterritory")
        return int(cursor.fetchone()[0])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=10_000)
    parser.add_argument("--territories", type=int, default=100)
    args = parser.parse_args(argv)
    setup_django()
    from django.db import connection

    from openprm.territories.models import AccountTerritory
    from openprm.territories.realignment import realign_all

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
