"""The demo holds the TeleMedia catalog (ORD-1, ORD-8): phones, the family
plan bundle with its plan, up to 5 lines and their options, the list price
list and a price list per partner tier; cloud management and support are
monthly services, not devices."""

from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from openprm.catalog import demo, selectors
from openprm.catalog.bundle_rules import Line, bundle_rules
from openprm.catalog.models import PriceList, PriceListItem, Product
from openprm.customers import demo as customers_demo
from openprm.deals import demo as deals_demo
from openprm.demo.context import DemoContext
from openprm.identity import demo as identity_demo
from openprm.partners import demo as partners_demo
from openprm.programs import demo as programs_demo
from openprm.programs.models import Partnership

pytestmark = pytest.mark.django_db


def test_ord_1_ord_8_demo_holds_the_telemedia_catalog(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    context = DemoContext(size="small")
    for seeder in (identity_demo, customers_demo, partners_demo, demo, deals_demo, programs_demo):
        seeder.seed(context)
    family = Product.objects.get(code="TM-FAMILY-1500")
    actor = context.records["user:salesadmin"]
    definition = selectors.bundle_definition(actor=actor, pk=family.pk)
    ids = {p.code: p.pk for p in Product.objects.filter(family="Mobile")}
    line = Line(ids["TM-LINE"], 1, (ids["TM-DATA-5"],))
    today = timezone.localdate()
    assert bundle_rules(definition, [Line(ids["TM-PLAN-1500"]), line, line, line], on=today) == []
    sixth = bundle_rules(definition, [Line(ids["TM-PLAN-1500"]), *[line] * 6], on=today)
    assert [str(v.rule) for v in sixth] == ["cardinality"]

    northwind = Partnership.objects.get(partner__account__name="Northwind Resellers")
    tier_list = PriceList.objects.get(audience="tier", tier_id=northwind.tier_id)
    phone = PriceListItem.objects.get(price_list=tier_list, product__code="TM-PHONE-X")
    listed = PriceListItem.objects.get(price_list__audience="list", product__code="TM-PHONE-X")
    assert listed.one_time_price == Decimal("499.00")
    assert phone.one_time_price < listed.one_time_price

    services = PriceListItem.objects.filter(
        price_list__audience="list", product__code__in=("CLOUD-MGMT", "SUPPORT-PRO")
    )
    assert sorted(
        (i.product.name, i.product.type, i.product.charge_type, i.one_time_price) for i in services
    ) == [
        ("Cloud Management", "service", "monthly", Decimal("0.00")),
        ("Pro Support", "service", "monthly", Decimal("0.00")),
    ]
    assert all(item.monthly_price > 0 for item in services)
