"""The data and the people of the page benchmark (issue 19).

The volumes and the partner side come from the home benchmark's generator
(benchmarks.bench_home: accounts, partners with their contacts, one portal
user made through the services, imports, exports, audit entries); on top of
them the roles the issue names, each with a reach the size makes realistic:

- the administrator sees every record;
- a salesperson with a small reach owns one account in 200 and is member of
  a territory of 30 accounts (under the 1,000 granting rows where the
  application starts a list from the reached accounts);
- a salesperson with a large reach owns 60 % of the customer accounts;
- a manager owns nothing and sees what the eight sellers below own (TEAM-4),
  40 % of the accounts;
- a channel manager owns every partner account (the home benchmark's);
- a partner user (portal) belongs to one partner made through the services,
  given 120 more contacts so its portal lists have pages.

Each internal role marks 30 of the contacts it sees as favorites.

Everything is keyed by username, so a --work-dir (or a PostgreSQL database)
generated once is reused by later runs at the same size.
"""

import time
from dataclasses import dataclass
from typing import Any

MARKER = "bench-page-large"
USERNAMES = {
    "administrator": "bench-home-admin",
    "sales (small reach)": "bench-home-sales",
    "sales (large reach)": MARKER,
    "manager": "bench-page-manager",
    "channel manager": "bench-home-cam",
    "partner user": "bench-home-partner",
}
TERRITORY_ACCOUNTS = 30
TERRITORIES = 40
PORTAL_CONTACTS = 120
FAVORITES = 30


@dataclass
class People:
    users: dict[str, Any]
    partner_id: int


def generate(contacts: int) -> None:
    """Everything at `contacts` contacts (accounts a tenth, partners a
    twentieth of the accounts), then the roles' reach (see the module doc)."""
    from django.db import connection, transaction

    from benchmarks import bench_home
    from openprm.customers.models import Account
    from openprm.identity.models import Resource, User
    from openprm.territories.models import AccountTerritory, Territory, TerritoryMember

    accounts = max(100, contacts // 10)
    started = time.perf_counter()
    bench_home.generate(contacts, accounts, max(10, accounts // 20))
    small = User.objects.get(username=USERNAMES["sales (small reach)"])
    large = bench_home._user(MARKER, "salesperson")
    manager = bench_home._user("bench-page-manager", "salesperson")
    sellers = list(User.objects.filter(username__startswith="bench-home-seller").order_by("pk"))
    table = Account._meta.db_table
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET owner_id = %s WHERE account_type <> 'partner' AND id %% 10 < 6",
            [large.pk],
        )
        cursor.execute(
            f"UPDATE {table} SET owner_id = %s WHERE account_type <> 'partner' AND id %% 10 >= 6",
            [sellers[0].pk],
        )
        for number, seller in enumerate(sellers):
            cursor.execute(
                f"UPDATE {table} SET owner_id = %s WHERE account_type <> 'partner' "
                "AND id %% 10 >= 6 AND id %% 8 = %s",
                [seller.pk, number],
            )
        cursor.execute(
            f"UPDATE {table} SET owner_id = %s WHERE account_type <> 'partner' AND id %% 200 = 7",
            [small.pk],
        )
    boss = Resource.objects.create(name="Bench Manager", user=manager)
    Resource.objects.bulk_create(
        Resource(name=f"Seller {n}", user=seller, manager=boss) for n, seller in enumerate(sellers)
    )
    own = Resource.objects.create(name="Bench Small", user=small)
    territories = Territory.objects.bulk_create(
        Territory(name=f"Bench territory {n:03d}") for n in range(TERRITORIES)
    )
    TerritoryMember.objects.create(territory=territories[0], resource=own)
    others = (
        Account.objects.filter(account_type="customer")
        .exclude(owner=small)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    AccountTerritory.objects.bulk_create(
        AccountTerritory(account_id=pk, territory=territories[n % TERRITORIES])
        for n, pk in enumerate(others[: TERRITORY_ACCOUNTS * TERRITORIES])
    )
    _portal_contacts(PORTAL_CONTACTS)
    _favorites(FAVORITES)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    print(f"generated in {time.perf_counter() - started:.0f} s", flush=True)


def _portal_contacts(count: int) -> None:
    """More contacts for the portal partner, so its lists have pages."""
    from django.db import transaction

    from benchmarks import bench_home
    from openprm.contacts.models import Person
    from openprm.core.search import search_key
    from openprm.imports.bulk import reserve_ids
    from openprm.partners.models import PartnerContact

    partner = PartnerContact.objects.get(user__username=USERNAMES["partner user"]).partner_id
    with transaction.atomic():
        ids = reserve_ids(Person, count)
    persons = [
        {
            "id": pk,
            "first_name": f"Portal{n:03d}",
            "last_name": f"Member{n % 37:02d}",
            "name_search": search_key(f"Portal{n:03d} Member{n % 37:02d}"),
            "last_name_search": search_key(f"Member{n % 37:02d}"),
        }
        for n, pk in enumerate(ids)
    ]
    bench_home._insert(Person, persons)
    bench_home._insert(
        PartnerContact,
        [{"partner_id": partner, "person_id": pk, "level": "contact"} for pk in ids],
    )


def _favorites(count: int) -> None:
    """CON-7's My Favorite Contacts: each internal role marks `count` of the
    contacts it sees, spread over them."""
    from openprm.contacts.models import Favorite, Person
    from openprm.core import access
    from openprm.identity.actors import actor_for
    from openprm.identity.models import User

    for role, username in USERNAMES.items():
        if role == "partner user":
            continue
        user = User.objects.get(username=username)
        seen = access.visible(Person, actor_for(user)).order_by("pk").values_list("pk", flat=True)
        ids = list(seen[:5000])
        step = max(1, len(ids) // count)
        existing = set(Favorite.objects.filter(user=user).values_list("person_id", flat=True))
        Favorite.objects.bulk_create(
            Favorite(user=user, person_id=pk) for pk in ids[::step][:count] if pk not in existing
        )


def portal_business(contacts: int) -> None:
    """The portal partner's deals, when missing (a database generated before
    they were measured gets them on the next run): opportunities on one
    customer account in 40 — whose contacts the partner user then sees
    (ORD-6) and reads through the API — as many as a fortieth of the
    contacts, a fifth as many leads and a tenth as many registrations,
    partly approved."""
    import datetime as dt

    from django.db import connection
    from django.utils import timezone

    from benchmarks import bench_home
    from openprm.customers.models import Account
    from openprm.deals.models import DealRegistration, Lead, Opportunity
    from openprm.identity.models import User
    from openprm.partners.models import PartnerContact

    partner = PartnerContact.objects.get(user__username=USERNAMES["partner user"]).partner_id
    if Opportunity.objects.filter(partner_id=partner).exists():
        return
    cam = User.objects.get(username=USERNAMES["channel manager"])
    customers = list(
        Account.objects.filter(account_type="customer").order_by("pk").values_list("pk", flat=True)
    )[::40]
    today = timezone.localdate()
    stages = [s for s, _label in Opportunity.Stage.choices]
    count = max(50, contacts // 40)
    bench_home._insert(
        Opportunity,
        [
            {
                "name": f"Portal deal {n:05d}",
                "account_id": customers[n % len(customers)],
                "stage": (stage := stages[n % len(stages)]),
                "is_open": stage not in ("won", "lost"),
                "amount": 1_000 + 37 * n % 90_000,
                "close_date": today + dt.timedelta(days=n % 400 - 200),
                "owner_id": cam.pk,
                "partner_id": partner,
            }
            for n in range(count)
        ],
    )
    statuses = [s for s, _label in Lead.Status.choices]
    bench_home._insert(
        Lead,
        [
            {
                "name": f"Portal lead {n:05d}",
                "account_id": customers[n % len(customers)],
                "status": statuses[n % len(statuses)],
                "owner_id": cam.pk,
                "partner_id": partner,
            }
            for n in range(count // 5)
        ],
    )
    bench_home._insert(
        DealRegistration,
        [
            {
                "title": f"Portal registration {n:05d}",
                "number": f"PB-{n:06d}",
                "state": "approved" if n % 3 == 0 else "submitted",
                "partner_id": partner,
                "owner_id": cam.pk,
                "channel_manager_id": cam.pk,
                "customer_name": f"Customer {n}",
                "customer_key": f"customer {n}",
                "close_date": today + dt.timedelta(days=60),
                "protection_starts": today - dt.timedelta(days=60),
                "protection_ends": today + dt.timedelta(days=n % 120 + 1),
            }
            for n in range(count // 10)
        ],
    )
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def people() -> People:
    from openprm.identity.models import User
    from openprm.partners.models import PartnerContact

    users = {role: User.objects.get(username=name) for role, name in USERNAMES.items()}
    partner = PartnerContact.objects.get(user=users["partner user"]).partner_id
    return People(users, partner)


def ready() -> bool:
    from openprm.identity.models import User

    return User.objects.filter(username=MARKER).exists()
