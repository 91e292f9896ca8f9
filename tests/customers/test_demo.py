"""The demo seeder creates accounts through the services."""

from typing import Any

import pytest

from openprm.customers import demo
from openprm.customers.models import Account, BillingAccount
from openprm.demo.context import DemoContext
from openprm.identity import demo as identity_demo

pytestmark = pytest.mark.django_db


def test_demo_seed_small_creates_hierarchies_and_types(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    context = DemoContext(size="small")
    identity_demo.seed(context)
    demo.seed(context)
    assert Account.objects.count() == context.count("accounts")
    assert Account.objects.filter(parent__isnull=False).count() == 12
    types = set(Account.objects.values_list("account_type", flat=True))
    assert {"customer", "prospect", "competitor"} <= types
    assert BillingAccount.objects.count() == 10


def test_demo_accounts_have_revenue_of_their_size_and_every_seller_owns_some(
    settings: Any,
) -> None:
    """Revenue within the range of each account's size; the administrator
    owns accounts too (its My Contacts is not empty, tests/demo)."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    context = DemoContext(size="small")
    identity_demo.seed(context)
    demo.seed(context)
    for account in Account.objects.exclude(size=""):
        low, high = demo.REVENUE_BY_SIZE[account.size]
        assert low <= account.annual_revenue < high
    owners = set(Account.objects.values_list("owner__username", flat=True))
    assert owners == set(demo.OWNERS)
    prospects = Account.objects.filter(account_type="prospect")
    assert prospects.exclude(address_line1="").exists()
    assert prospects.filter(address_line1="").exists()
