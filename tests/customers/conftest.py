"""Account fixtures for the customers tests."""

from collections.abc import Callable
from typing import Any

import pytest

from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.identity.models import User

COMPLETE_ADDRESS = {
    "address_line1": "1 Main Street",
    "city": "Springfield",
    "postal_code": "12345",
    "country": "US",
}


@pytest.fixture
def make_account(sales_admin: User) -> Callable[..., Account]:
    def build(name: str = "Acme", actor: User | None = None, **data: Any) -> Account:
        return account_create(
            actor=actor or sales_admin,
            data={"name": name, **data},
            confirm_duplicates=True,
        )

    return build
