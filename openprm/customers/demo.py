"""Demo accounts: customers, prospects, competitors and partners-to-be, a few
hierarchies, legal entities and billing accounts, owned by the demo staff.

The small size goes through the services (so audit and rules apply); the
large size bulk-inserts plain rows for benchmarks.
"""

from decimal import Decimal
from typing import Any

from openprm.customers.models import Account
from openprm.customers.normalize import search_key
from openprm.customers.services import account_create, billing_account_create, legal_entity_create
from openprm.demo.context import DemoContext

COUNTRIES = ("US", "GB", "FR", "DE", "CA", "NL")
INDUSTRIES = ("TECH", "MANUFACTURING", "RETAIL", "FINANCE", "HEALTHCARE", "TELECOM")
SIZES = ("SMALL", "MEDIUM", "LARGE", "ENTERPRISE")
TYPES = (
    [Account.AccountType.CUSTOMER] * 6
    + [Account.AccountType.PROSPECT] * 3
    + [Account.AccountType.COMPETITOR]
)
HIERARCHY_ROOTS = 3
SUBSIDIARIES_PER_ROOT = 4
BULK_BATCH = 5_000


def _address(context: DemoContext) -> dict[str, str]:
    faker = context.faker
    return {
        "address_line1": faker.street_address(),
        "city": faker.city(),
        "postal_code": faker.postcode()[:20],
        "country": context.rng.choice(COUNTRIES),
    }


def _values(context: DemoContext, index: int) -> dict[str, Any]:
    rng = context.rng
    account_type = TYPES[index % len(TYPES)]
    values: dict[str, Any] = {
        "name": f"{context.faker.company()} {index}",
        "account_type": account_type,
        "industry": rng.choice(INDUSTRIES),
        "size": rng.choice(SIZES),
        "annual_revenue": Decimal(rng.randrange(100_000, 50_000_000)),
        "named": rng.random() < 0.2,
        "existing": account_type == Account.AccountType.CUSTOMER and rng.random() < 0.7,
    }
    if account_type == Account.AccountType.COMPETITOR:
        values["competitor_info"] = context.faker.sentence()
    if account_type != Account.AccountType.PROSPECT or rng.random() < 0.5:
        values.update(_address(context))
    return values


def _seed_small(context: DemoContext, owners: list[Any], admin: Any) -> list[Account]:
    group = legal_entity_create(actor=admin, data={"name": "Globex Group", "kind": "external"})
    internal = legal_entity_create(actor=admin, data={"name": "OpenPRM Europe", "kind": "internal"})
    accounts: list[Account] = []
    roots: list[Account] = []
    for index in range(context.count("accounts")):
        values = _values(context, index)
        values["owner_id"] = owners[index % len(owners)].pk
        if index < HIERARCHY_ROOTS:
            values["account_type"] = Account.AccountType.CUSTOMER
        elif index < HIERARCHY_ROOTS * (SUBSIDIARIES_PER_ROOT + 1):
            values["parent_id"] = roots[index % HIERARCHY_ROOTS].pk
            values["legal_entity_id"] = group.pk
        elif index % 15 == 0:
            values["legal_entity_id"] = internal.pk
        account = account_create(actor=admin, data=values, confirm_duplicates=True)
        if index < HIERARCHY_ROOTS:
            roots.append(account)
        accounts.append(account)
    for number, account in enumerate(accounts[:10], start=1):
        billing_account_create(
            actor=admin,
            account=account,
            data={"number": f"BA-{number:05}", "name": f"{account.name} billing"},
        )
    return accounts


def _seed_large(context: DemoContext, owners: list[Any]) -> None:
    total = context.count("accounts")
    batch: list[Account] = []
    for index in range(total):
        values = _values(context, index)
        values["owner_id"] = owners[index % len(owners)].pk
        account = Account(**values)
        account.name_search = search_key(account.name)
        account.is_sales_account = account.account_type == Account.AccountType.CUSTOMER
        batch.append(account)
        if len(batch) >= BULK_BATCH:
            Account.objects.bulk_create(batch)
            batch = []
    if batch:
        Account.objects.bulk_create(batch)


def seed(context: DemoContext) -> None:
    records = context.records
    admin = records["user:salesadmin"]
    owners = [records[f"user:{name}"] for name in ("sales", "sales2", "salesadmin")]
    if context.size == "small":
        accounts = _seed_small(context, owners, admin)
        records["accounts"] = accounts
    else:
        _seed_large(context, owners)
        records["accounts"] = list(Account.objects.order_by("pk")[:1_000])
