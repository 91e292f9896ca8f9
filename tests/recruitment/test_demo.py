"""The demo shows recruitment: a campaign, applications in several states and
one whose applicant is already an account."""

from typing import Any

import pytest

from openprm.customers import demo as customers_demo
from openprm.demo.context import DemoContext
from openprm.identity import demo as identity_demo
from openprm.partners import demo as partners_demo
from openprm.recruitment import demo, selectors
from openprm.recruitment.models import Application, Campaign

pytestmark = pytest.mark.django_db


def test_demo_has_applications_in_several_states_and_a_duplicate(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    context = DemoContext(size="small")
    for seeder in (identity_demo, customers_demo, partners_demo, demo):
        seeder.seed(context)
    states = set(Application.objects.values_list("state", flat=True))
    assert states == {"submitted", "under_review", "info_requested", "rejected", "withdrawn"}
    assert Campaign.objects.get(code="spring-expo").applications.count() == 1
    actor = context.records["user:cam"]
    duplicates = [
        a
        for a in context.records["applications"]
        if any(c.account for c in selectors.duplicate_candidates(actor=actor, application=a))
    ]
    assert [a.company_name for a in duplicates] == ["Baltic Bytes"]
