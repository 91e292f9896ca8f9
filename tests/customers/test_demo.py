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
