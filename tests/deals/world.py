"""The deals of the shared test world, for both portal partners: Northwind
submitted a registration the channel manager approved (its opportunity) and
another still under review; Contoso has a draft and a registration of the
same deal under review (a channel conflict); a lead waits for Northwind."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from openprm.catalog.models import Product
from openprm.customers.services import account_create
from openprm.deals import services
from openprm.deals.models import DealRegistration
from tests.access.world import World
from tests.factories import as_actor


def _register(world: World, org: str, customer: str, *, submit: bool = True) -> DealRegistration:
    actor = as_actor(world.users[f"{org}_rep"])
    product = Product.objects.get(code="W-FW")
    registration = services.registration_create(
        actor=actor,
        data={
            "title": f"{org} {customer}",
            "customer_name": customer,
            "country": "US",
            "close_date": timezone.localdate() + dt.timedelta(days=30),
        },
        lines=[services.LineIn(product.pk, 1, Decimal("1000"))],
    )
    if submit:
        registration = services.registration_submit(
            actor=actor, registration=registration, expected_version=registration.version
        )
    return registration


def build(world: World) -> None:
    cam = as_actor(world.users["cam"])
    customer = account_create(actor=cam, data={"name": "World Deal Customer", "country": "US"})
    approved = _register(world, "nw", "World Deal Customer")
    approved = services.registration_approve(
        actor=cam,
        registration=approved,
        account_id=customer.pk,
        expected_version=approved.version,
    )
    world.add("nw", "registration", approved)
    world.add("nw", "opportunity", approved.opportunity)
    world.add("nw_pending", "registration", _register(world, "nw", "Globex"))
    world.add("co_draft", "registration", _register(world, "co", "Initech", submit=False))
    world.add("co", "registration", _register(world, "co", "Globex"))
    lead = services.lead_create(actor=cam, account_id=customer.pk, name="World lead")
    services.lead_route(
        actor=cam,
        lead=lead,
        partner_id=world.ids["nw"]["partner"][0],
        expected_version=lead.version,
    )
    world.add("nw", "lead", lead)
