"""The demo's carts and quotes (ORD-6): a standard user's cart for the
store and a power user's quote for a family plan."""

from typing import Any

import pytest

from openprm.carts import demo
from openprm.carts.models import CartLine, Quote
from openprm.catalog import demo as catalog_demo
from openprm.customers import demo as customers_demo
from openprm.deals import demo as deals_demo
from openprm.demo.context import DemoContext
from openprm.identity import demo as identity_demo
from openprm.partners import demo as partners_demo
from openprm.programs import demo as programs_demo

pytestmark = pytest.mark.django_db


def test_ord_6_the_demo_holds_a_cart_and_a_quote(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    context = DemoContext(size="small")
    for seeder in (identity_demo, customers_demo, partners_demo, catalog_demo, deals_demo,
                   programs_demo, demo):  # fmt: skip
        seeder.seed(context)
    quote = Quote.objects.get(owner__username="nw-admin")
    assert quote.monthly_total > 0
    codes = sorted(quote.lines.values_list("product__code", flat=True))
    assert codes == ["TM-DATA-5", "TM-FAMILY-1500", "TM-LINE", "TM-LINE", "TM-PLAN-1500"]
    rep = CartLine.objects.get(cart__owner__username="nw-rep")
    assert (rep.product.code, rep.quantity) == ("TM-PHONE-S", 2)
