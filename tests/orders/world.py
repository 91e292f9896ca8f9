"""Orders of the shared test world (ORD-3, ORD-5): Northwind's
administrator is a power user; Northwind has an open stock order and a
fulfilled one whose line became an asset; Contoso has a pending order. The
world's list prices price them all."""

from decimal import Decimal

from openprm.orders.lines import LineSpec
from openprm.orders.services import StatusReport, fulfilment_report, order_submit, place_order
from openprm.partners.models import PartnerContact
from tests.access.world import World
from tests.factories import as_actor

ORDERS = {
    "nw_order": ("nw", "open"),
    "nw_fulfilled": ("nw", "fulfilled"),
    "co_order": ("co", "pending"),
}
"""Each order by world record: its organization and its state."""

POWER_USERS = ("nw_admin",)


def build(world: World) -> None:
    PartnerContact.objects.filter(user__in=[world.users[u] for u in POWER_USERS]).update(
        portal_user_type="power"
    )
    product = world.ids["active_product"]["product"][0]
    prices = world.ids["list_prices"]["price_list"][0]
    manager = as_actor(world.users["salesadmin"])
    for record, (org, state) in ORDERS.items():
        actor = as_actor(world.users[f"{org}_admin"])
        order = place_order(
            actor=actor,
            customer_id=None,
            contact_id=None,
            price_list_id=prices,
            opportunity_id=None,
            lines=[LineSpec(product_id=product, quantity=Decimal(2))],
        )
        if state != "pending":
            order = order_submit(actor=actor, order=order, expected_version=order.version)
        if state == "fulfilled":
            reports = [StatusReport(line.pk, "complete") for line in order.lines.all()]
            order = fulfilment_report(actor=manager, order=order, reports=reports)
            world.add(f"{org}_asset", "asset", order.lines.get().installed_assets.get())
        world.add(record, "order", order)
