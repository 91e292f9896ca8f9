"""Records the contacts tests share: accounts are made directly (they belong
to the customers app), contacts through our services."""

import itertools
from typing import Any

from openprm.contacts.models import Person
from openprm.contacts.services import contact_create
from openprm.customers.models import Account
from openprm.identity.models import User
from tests.factories import as_actor

_names = itertools.count(1)


def make_account(
    owner: User | None,
    name: str | None = None,
    *,
    sales: bool = True,
    account_type: str = Account.AccountType.CUSTOMER,
    **fields: Any,
) -> Account:
    return Account.objects.create(
        name=name or f"Account {next(_names)}",
        account_type=account_type,
        is_sales_account=sales,
        owner=owner,
        **fields,
    )


def make_contact(actor: User, last_name: str, *accounts: Account, **fields: Any) -> Person:
    fields.setdefault("confirm_duplicates", True)
    return contact_create(
        actor=as_actor(actor), last_name=last_name, account_ids=[a.pk for a in accounts], **fields
    )
