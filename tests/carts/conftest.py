"""The TeleMedia catalog of the catalog tests, two partners (Northwind in
the Gold tier, Contoso at list prices), a power user, and a customer with a
contact and its own price list for shopping on a customer's behalf."""

from decimal import Decimal
from typing import Any

import pytest

from openprm.catalog import services as catalog
from openprm.catalog.models import PriceList
from openprm.contacts.models import Person
from openprm.contacts.services.persons import contact_create
from openprm.customers.models import Account
from openprm.identity.models import User
from openprm.partners.models import PartnerContact
from tests.catalog.conftest import gold, gold_prices, telemedia
from tests.deals.conftest import customer, make_partner, make_portal_user, two_partners
from tests.factories import as_actor

__all__ = [
    "customer",
    "gold",
    "gold_prices",
    "make_partner",
    "make_portal_user",
    "telemedia",
    "two_partners",
]


@pytest.fixture
def power(two_partners: dict[str, Any]) -> User:
    """Northwind's administrator, made a power user (Northwind allows them)."""
    contact = two_partners["nw_admin"]
    PartnerContact.objects.filter(pk=contact.pk).update(portal_user_type="power")
    return contact.user


@pytest.fixture
def nw_rep(two_partners: dict[str, Any]) -> User:
    return two_partners["nw_rep"].user


@pytest.fixture
def co_rep(two_partners: dict[str, Any]) -> User:
    return two_partners["co_rep"].user


@pytest.fixture
def acme_prices(sales_admin: User, customer: Account, telemedia: dict[str, Any]) -> PriceList:
    """Acme's own price list, in US dollars."""
    actor = as_actor(sales_admin)
    prices = catalog.price_list_create(
        actor=actor,
        data={"name": "Acme contract", "currency": "USD", "audience": "customer",
              "customer_id": customer.pk},
    )  # fmt: skip
    for code, one_time, monthly in (
        ("PHONE-X", "450.00", "0"),
        ("FAMILY", "0", "55.00"),
        ("PLAN-1500", "0", "35.00"),
        ("LINE", "0", "14.00"),
    ):
        catalog.item_set(
            actor=actor,
            price_list=prices,
            product_id=telemedia[code].pk,
            one_time_price=Decimal(one_time),
            monthly_price=Decimal(monthly),
        )
    return prices


@pytest.fixture
def buyer(channel_manager: User, customer: Account) -> Person:
    """Acme's buyer, a contact of the customer."""
    return contact_create(
        actor=as_actor(channel_manager), last_name="Buyer", first_name="Bea",
        account_ids=[customer.pk],
    )  # fmt: skip
