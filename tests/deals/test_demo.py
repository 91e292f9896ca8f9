"""The demo shows every deal feature: registrations in every state, one
channel conflict, opportunities and a lead waiting for a partner."""

from typing import Any

import pytest

from openprm.catalog import demo as catalog_demo
from openprm.customers import demo as customers_demo
from openprm.deals import demo
from openprm.deals.conflicts import conflicts_of
from openprm.deals.models import DealRegistration, LeadOffer, Opportunity
from openprm.demo.context import DemoContext
from openprm.identity import demo as identity_demo
from openprm.partners import demo as partners_demo

pytestmark = pytest.mark.django_db


def test_demo_has_registrations_in_every_state_and_a_conflict(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    context = DemoContext(size="small")
    for seeder in (identity_demo, customers_demo, partners_demo, catalog_demo, demo):
        seeder.seed(context)
    states = set(DealRegistration.objects.values_list("state", flat=True))
    assert states == set(DealRegistration.State.values)
    submitted, conflicting = context.records["registrations"]
    assert [c.pk for c in conflicts_of(submitted)] == [conflicting.pk]
    assert Opportunity.objects.filter(is_open=True).exists()
    assert LeadOffer.objects.filter(outcome="open", partner__account__name="Northwind Resellers")
