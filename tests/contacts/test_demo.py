"""The demo seeder creates contacts through the services, related to the demo accounts."""

from typing import Any

import pytest
from django.utils import timezone

from openprm.contacts import demo
from openprm.contacts.models import (
    ContactPoint,
    ContactPreference,
    Household,
    Person,
    Relationship,
)
from openprm.customers import demo as customers_demo
from openprm.demo.context import SIZES, DemoContext
from openprm.identity import demo as identity_demo

pytestmark = pytest.mark.django_db


CONTACTS = 20


@pytest.fixture(autouse=True)
def fewer_contacts(monkeypatch: pytest.MonkeyPatch, settings: Any) -> None:
    """Twenty contacts (two of them B2C, for the household) prove the seeder
    as well as two hundred, ten times faster; the demo users' passwords are
    hashed with a fast hasher, since hashing is not what these tests prove."""
    monkeypatch.setitem(SIZES["small"], "contacts", CONTACTS)
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


def test_demo_seed_small_creates_related_contacts_and_a_do_not_call() -> None:
    context = DemoContext(size="small")
    identity_demo.seed(context)
    customers_demo.seed(context)
    demo.seed(context)
    assert Person.objects.count() == context.count("contacts") + len(demo.DUPLICATES_TO_BE)
    assert (
        Person.objects.filter(relationships__account__isnull=False).distinct().count()
        == CONTACTS + 3
    )
    do_not_call = ContactPreference.objects.get(reason_code="DNC_REGISTRY")
    assert do_not_call.contact_point.kind == ContactPoint.Kind.PHONE
    assert do_not_call.contact_point.restriction_on(timezone.localdate()) is not None
    assert Household.objects.get().memberships.count() == 2
    preferences = ContactPreference.objects.all()
    assert preferences.count() == len(demo.PREFERENCES)
    assert {p.preference for p in preferences} == {"do", "do_not"}
    assert preferences.filter(end_date__lt=timezone.localdate()).count() == 1


def test_demo_seed_without_accounts_creates_unrelated_contacts() -> None:
    context = DemoContext(size="small")
    identity_demo.seed(context)
    demo.seed(context)
    assert Person.objects.count() == CONTACTS + len(demo.DUPLICATES_TO_BE)
    assert not Relationship.objects.filter(account__isnull=False).exists()
