"""Demo accounts: customers, prospects (half of them with the complete
sell-to address that lets them be converted, CUS-3, once the territories
demo covers their country), competitors, a few hierarchies, legal entities
and billing accounts, owned in turn by the demo staff, with revenue that
fits each account's size.

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
REVENUE_BY_SIZE = {
    "SMALL": (500_000, 10_000_000),
    "MEDIUM": (10_000_000, 100_000_000),
    "LARGE": (100_000_000, 1_000_000_000),
    "ENTERPRISE": (1_000_000_000, 25_000_000_000),
}
OWNERS = ("sales", "sales2", "salesadmin", "admin")
"""Who owns the demo accounts in turn: every demo user with sales data has
accounts of its own, so its My Contacts (CON-7) and home page show them."""
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


def revenue(context: DemoContext, size: str) -> Decimal:
    """Annual revenue in the range of the account's size, rounded to the
    thousand (in the corporate currency, which the hierarchy rolls up)."""
    low, high = REVENUE_BY_SIZE[size]
    return Decimal(context.rng.randrange(low, high, 1_000))


def _values(context: DemoContext, index: int) -> dict[str, Any]:
    rng = context.rng
    account_type = TYPES[index % len(TYPES)]
    size = rng.choice(SIZES)
    values: dict[str, Any] = {
        "name": f"{context.faker.company()} {index}",
        "account_type": account_type,
        "industry": rng.choice(INDUSTRIES),
        "size": size,
        "annual_revenue": revenue(context, size),
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
    owners = [records[f"user:{name}"] for name in OWNERS]
    if context.size == "small":
        accounts = _seed_small(context, owners, admin)
        records["accounts"] = accounts
    else:
        _seed_large(context, owners)
        records["accounts"] = list(Account.objects.order_by("pk")[:1_000])
