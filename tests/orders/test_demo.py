"""The demo holds the TeleMedia order story at Northwind (ORD-3..ORD-9)."""

from typing import Any

import pytest
from django.db.models import F

from openprm.catalog import demo as catalog_demo
from openprm.core.audit.models import AuditEntry
from openprm.customers import demo as customers_demo
from openprm.deals import demo as deals_demo
from openprm.demo.context import DemoContext
from openprm.identity import demo as identity_demo
from openprm.orders import demo
from openprm.orders.models import Asset, Order
from openprm.partners import demo as partners_demo
from openprm.programs import demo as programs_demo

pytestmark = pytest.mark.django_db


def test_ord_4_ord_5_demo_holds_the_telemedia_orders(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    context = DemoContext(size="small")
    seeders = (identity_demo, customers_demo, partners_demo, catalog_demo, deals_demo)
    for seeder in (*seeders, programs_demo, demo):
        seeder.seed(context)
    family = Order.objects.filter(
        lines__product__code="TM-FAMILY-1500",
        lines__action="add",
        customer=F("partner__account"),
    ).distinct()
    assert sorted(family.values_list("revision", "state")) == [(1, "superseded"), (2, "fulfilled")]
    lines = Asset.objects.filter(product__code="TM-LINE", status="active")
    assert lines.count() == 5
    assert Asset.objects.get(product__code="TM-PHONE-X").quantity == 5
    assert Order.objects.filter(state="pending", lines__action="update").exists()
    for_customer = Order.objects.exclude(customer=F("partner__account")).get(partner__isnull=False)
    assert for_customer.state == "open"
    placed_by = AuditEntry.objects.get(
        content_type__model="order", object_id=str(for_customer.pk), action="create"
    )
    assert placed_by.actor_name == "nw-rep"
    assert for_customer.lines.filter(product__code="TM-LINE").count() == 2
