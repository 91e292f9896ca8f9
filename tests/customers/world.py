"""The customers of the shared test world: three accounts, `own` (owned by
`owner`, with View/Edit/Full members and a territory whose member reports
to `manager`), `other` (owned by a stranger nobody else relates to) and
`deleted` (owned by `owner`, same team, soft-deleted once every app has
added its records, CUS-9). Each has a note and a billing account; `other`
is the parent of `own` and `own` of `deleted` (CUS-6); both active accounts
belong to one legal entity.

The facts below state who relates to each account in plain data; the
reference rules (tests/access/reference.py) read only these.
"""

from dataclasses import dataclass, field

from openprm.customers import services as customer_services
from openprm.customers.models import Account
from tests.access.world import RECORDS, World
from tests.factories import as_actor


@dataclass(frozen=True)
class AccountFacts:
    """Who relates to one account, by actor name (the reference's only input)."""

    owner: str
    active: bool
    team: dict[str, str] = field(default_factory=dict)
    territory_members: frozenset[str] = frozenset()


FACTS = {
    "own": AccountFacts(
        "owner", True, {"view": "view", "edit": "edit", "full": "full"}, frozenset({"territory"})
    ),
    "other": AccountFacts("stranger", True, {"stranger2": "full"}),
    "deleted": AccountFacts("owner", False, {"view": "view", "edit": "edit", "full": "full"}),
}
PARENTS = {"own": "other", "deleted": "own"}
COUNTRIES = {"own": "CL", "other": "FR", "deleted": "FR"}
LEGAL_ACCOUNTS = ("own", "other")
LEGAL_NAME = "Matrix Legal"


def account_name(record: str) -> str:
    return f"Matrix {record}"


def billing_name(record: str) -> str:
    return f"Billing {record}"


def note_text(record: str) -> str:
    return f"Note {record}"


def build(world: World) -> None:
    admin = as_actor(world.users["salesadmin"])
    for record, facts in FACTS.items():
        account = world.accounts[record] = Account.objects.create(
            name=account_name(record),
            owner=world.users[facts.owner],
            account_type=Account.AccountType.CUSTOMER,
            is_sales_account=True,
            country=COUNTRIES[record],
        )
        note = customer_services.note_create(actor=admin, account=account, text=note_text(record))
        billing = customer_services.billing_account_create(
            actor=admin,
            account=account,
            data={"number": f"B-{record}", "name": billing_name(record)},
        )
        world.add(record, "account", account)
        world.add(record, "deleted_account", account)
        world.add(record, "note", note)
        world.add(record, "billing", billing)
    for child, parent in PARENTS.items():
        Account.objects.filter(pk=world.accounts[child].pk).update(parent=world.accounts[parent])
    legal = customer_services.legal_entity_create(actor=admin, data={"name": LEGAL_NAME})
    Account.objects.filter(pk__in=[world.accounts[a].pk for a in LEGAL_ACCOUNTS]).update(
        legal_entity=legal
    )
    world.extra["legal"] = legal.pk
    for record in RECORDS:
        world.add(record, "legal", legal)


def settle(world: World) -> None:
    """CUS-9: the soft delete comes last, so that it meets the team, the
    contacts and the territories every app gave the account."""
    customer_services.account_delete(
        actor=as_actor(world.users["salesadmin"]), account=world.accounts["deleted"]
    )
