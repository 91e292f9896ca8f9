"""The demo shows programs with partners in several tiers, snapshots from
a real evaluation and a downgrade review waiting."""

from typing import Any

import pytest

from openprm.catalog import demo as catalog_demo
from openprm.customers import demo as customers_demo
from openprm.deals import demo as deals_demo
from openprm.demo.context import DemoContext
from openprm.identity import demo as identity_demo
from openprm.partners import demo as partners_demo
from openprm.programs import demo
from openprm.programs.models import DowngradeReview, Partnership, Program, Snapshot

pytestmark = pytest.mark.django_db


def test_demo_has_two_programs_partners_in_several_tiers_and_a_review(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    context = DemoContext(size="small")
    for seeder in (identity_demo, customers_demo, partners_demo, catalog_demo, deals_demo, demo):
        seeder.seed(context)
    assert set(Program.objects.values_list("name", flat=True)) == {
        "Reseller Program",
        "Distributor Program",
    }
    assert Partnership.objects.values("tier").distinct().count() >= 3
    assert Snapshot.objects.exists()
    assert DowngradeReview.objects.filter(state="open").count() == 1
    northwind = Partnership.objects.get(partner__account__name="Northwind Resellers")
    assert northwind.tier.name == "Silver"
