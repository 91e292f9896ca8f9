"""Account fixtures for the customers tests."""

from collections.abc import Callable
from typing import Any

import pytest

from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.identity.models import User
from tests.factories import as_actor

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
            actor=as_actor(actor or sales_admin),
            data={"name": name, **data},
            confirm_duplicates=True,
        )

    return build


@pytest.fixture
def address_rule_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """Qualification with this app's own rule only, so conversion tests do not
    depend on the territories other apps register (CUS-3)."""
    from openprm.customers import qualification

    own = {"complete_sell_to_address": qualification._rules["complete_sell_to_address"]}
    monkeypatch.setattr(qualification, "_rules", own)
