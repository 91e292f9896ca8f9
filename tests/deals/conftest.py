"""Two partners with portal users, products and a customer, for the deals tests."""

import datetime as dt
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from openprm.catalog.models import Product
from openprm.catalog.services import product_create
from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.deals import services
from openprm.deals.models import DealRegistration, Opportunity
from openprm.identity.models import Resource, User
from openprm.teams.services import team_member_add
from tests.factories import as_actor
from tests.partners.conftest import make_partner, make_portal_user, two_partners

__all__ = ["make_partner", "make_portal_user", "two_partners"]


@pytest.fixture
def products(sales_admin: User) -> dict[str, Product]:
    actor = as_actor(sales_admin)
    return {
        code: product_create(actor=actor, data={"code": code, "name": name, "family": "Network"})
        for code, name in (
            ("FW-100", "Firewall 100"),
            ("SW-24", "Switch 24"),
            ("AP-6", "Access Point"),
        )
    }


@pytest.fixture
def customer(channel_manager: User) -> Account:
    """A sales account (a Customer) of the channel manager, who must see the
    account it approves a registration on."""
    return account_create(
        actor=as_actor(channel_manager),
        data={"name": "Acme Corporation", "country": "US", "city": "Austin"},
    )


@pytest.fixture
def clients(
    api_client_for: Callable[[User], Client], two_partners: dict[str, Any], channel_manager: User
) -> dict[str, Client]:
    """API clients of a Northwind and a Contoso sales rep and the channel manager."""
    return {
        "nw": api_client_for(two_partners["nw_rep"].user),
        "co": api_client_for(two_partners["co_rep"].user),
        "cam": api_client_for(channel_manager),
    }


def next_month() -> dt.date:
    return timezone.localdate() + dt.timedelta(days=30)


@pytest.fixture
def register(
    two_partners: dict[str, Any], products: dict[str, Product]
) -> Callable[..., DealRegistration]:
    """`register("nw", submit=True, products=("FW-100",), **customer)`: a
    registration by the partner's sales rep."""

    def build(
        org: str,
        *,
        submit: bool = False,
        codes: tuple[str, ...] = ("FW-100",),
        amount: str = "1000",
        **data: Any,
    ) -> DealRegistration:
        actor = as_actor(two_partners[f"{org}_rep"].user)
        fields = {
            "title": f"{org} deal",
            "customer_name": "Acme Corp.",
            "country": "US",
            "close_date": next_month(),
            **data,
        }
        lines = [services.LineIn(products[c].pk, 1, Decimal(amount)) for c in codes]
        registration = services.registration_create(actor=actor, data=fields, lines=lines)
        if submit:
            registration = services.registration_submit(
                actor=actor, registration=registration, expected_version=registration.version
            )
        return registration

    return build


@pytest.fixture
def registered(
    register: Callable[..., DealRegistration], channel_manager: User, customer: Account
) -> Opportunity:
    """Northwind's approved registration's opportunity: its sales rep is on
    the team at Edit, its administrator is not on it."""
    registration = register("nw", submit=True)
    registration = services.registration_approve(
        actor=as_actor(channel_manager),
        registration=registration,
        account_id=customer.pk,
        expected_version=registration.version,
    )
    assert registration.opportunity is not None
    return registration.opportunity


@pytest.fixture
def own_deal(channel_manager: User, customer: Account, products: dict[str, Product]) -> Opportunity:
    """The channel manager's own opportunity, registered by nobody."""
    return services.opportunity_create(
        actor=as_actor(channel_manager),
        account_id=customer.pk,
        name="Acme campus",
        close_date=next_month(),
        lines=[services.LineIn(products["FW-100"].pk, 1, Decimal("2500"))],
    )


@pytest.fixture
def edit_member(channel_manager: User, salesperson: User, own_deal: Opportunity) -> User:
    """A salesperson who sees the deal's account (View on its account team)
    and is on the deal's team at Edit."""
    resource = Resource.objects.create(name="Sam Seller", user=salesperson)
    team_member_add(
        actor=as_actor(channel_manager),
        account=own_deal.account,
        resource_id=resource.pk,
        access_level="view",
    )
    services.opportunity_team_add(
        actor=as_actor(channel_manager),
        opportunity=own_deal,
        resource_id=resource.pk,
        access_level="edit",
    )
    return salesperson
