"""Demo carts and quotes (ORD-6): Northwind's sales rep has two S3 phones in
its cart for the store; its power user saved a quote for a Family 1500 plan
with two lines, one with a data pack."""

from decimal import Decimal

from openprm.carts import checkout, lines
from openprm.demo.context import DemoContext
from openprm.identity.actors import actor_for
from openprm.identity.models import User


def seed(context: DemoContext) -> None:
    mobile = context.records.get("mobile_products")
    users = {u.username: u for u in User.objects.filter(username__in=("nw-admin", "nw-rep"))}
    if not mobile or len(users) < 2:
        return
    power = actor_for(users["nw-admin"])
    lines.line_add(
        actor=power,
        product_id=mobile["TM-FAMILY-1500"].pk,
        components=[
            {"product_id": mobile["TM-PLAN-1500"].pk},
            {"product_id": mobile["TM-LINE"].pk, "options": [mobile["TM-DATA-5"].pk]},
            {"product_id": mobile["TM-LINE"].pk},
        ],
    )
    checkout.cart_save_quote(actor=power)
    rep = actor_for(users["nw-rep"])
    lines.line_add(actor=rep, product_id=mobile["TM-PHONE-S"].pk, quantity=Decimal(2))
