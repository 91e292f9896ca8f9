"""The deals of the shared test world, for both portal partners, on one
sales account of the channel manager (`cam`, its owner).

Northwind submitted a registration the channel manager approved (its
opportunity) and another still under review; Contoso has a draft and a
registration of the same deal under review (a channel conflict), whose
channel manager is `nobody` — a salesperson with no privilege of the
channel team, who sees it as its channel manager only. A lead waits for
Northwind, another for Contoso, a third is not routed yet; the channel
manager's own opportunity has Contoso's representative on its team
(DEAL-9).

The facts below (who registered what, in which state, who manages it; whom
each lead is offered to; whose organization each opportunity is open to)
are what the access matrices state their expectations from.
"""

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.utils import timezone

from openprm.catalog.models import Product
from openprm.customers.services import account_create
from openprm.deals import services
from openprm.deals.models import DealRegistration
from openprm.partners.models import PartnerContact
from tests.access.world import World
from tests.factories import as_actor

CUSTOMER = "World Deal Customer"
"""The sales account every deal is on; `cam` owns it."""
CUSTOMER_OWNER = "cam"


@dataclass(frozen=True)
class Registration:
    org: str
    customer: str
    state: str
    channel_manager: str


REGISTRATIONS = {
    "nw": Registration("nw", CUSTOMER, DealRegistration.State.APPROVED, "cam"),
    "nw_pending": Registration("nw", "Globex", DealRegistration.State.SUBMITTED, "cam"),
    "co_draft": Registration("co", "Initech", DealRegistration.State.DRAFT, "cam"),
    "co": Registration("co", "Globex", DealRegistration.State.SUBMITTED, "nobody"),
}
"""Each registration by world record: the organization that registered it,
its state and its channel manager (the partner account's owner, `cam`,
unless reassigned)."""

LEADS = {"nw": "nw", "co": "co", "unrouted": None}
"""Each lead by world record, with the organization it waits for."""

OPPORTUNITIES = {"nw": "nw", "co_team": "co"}
"""Each opportunity by world record, with the organization it is open to:
Northwind's is its approved registration's, Contoso's representative is on
the team of the other."""


def _register(world: World, name: str) -> DealRegistration:
    fact = REGISTRATIONS[name]
    actor = as_actor(world.users[f"{fact.org}_rep"])
    product = Product.objects.get(code="W-FW")
    registration = services.registration_create(
        actor=actor,
        data={
            "title": f"{fact.org} {fact.customer}",
            "customer_name": fact.customer,
            "country": "US",
            "close_date": timezone.localdate() + dt.timedelta(days=30),
        },
        lines=[services.LineIn(product.pk, 1, Decimal("1000"))],
    )
    if fact.state != DealRegistration.State.DRAFT:
        registration = services.registration_submit(
            actor=actor, registration=registration, expected_version=registration.version
        )
    if fact.channel_manager != "cam":
        # No service reassigns a registration's channel manager yet.
        DealRegistration.objects.filter(pk=registration.pk).update(
            channel_manager=world.users[fact.channel_manager]
        )
    return registration


def build(world: World) -> None:
    cam = as_actor(world.users[CUSTOMER_OWNER])
    customer = account_create(actor=cam, data={"name": CUSTOMER, "country": "US"})
    world.extra["deal_customer"] = customer.pk
    approved = _register(world, "nw")
    approved = services.registration_approve(
        actor=cam,
        registration=approved,
        account_id=customer.pk,
        expected_version=approved.version,
    )
    world.add("nw", "registration", approved)
    world.add("nw", "opportunity", approved.opportunity)
    for name in ("nw_pending", "co_draft", "co"):
        world.add(name, "registration", _register(world, name))
    for name, org in LEADS.items():
        lead = services.lead_create(actor=cam, account_id=customer.pk, name=f"World lead {name}")
        if org is not None:
            services.lead_route(
                actor=cam,
                lead=lead,
                partner_id=world.ids[org]["partner"][0],
                expected_version=lead.version,
            )
        world.add(name, "lead", lead)
    team_deal = services.opportunity_create(
        actor=cam,
        account_id=customer.pk,
        name="World team deal",
        close_date=timezone.localdate() + dt.timedelta(days=60),
        lines=[services.LineIn(Product.objects.get(code="W-FW").pk, 2, Decimal("2000"))],
    )
    contoso_rep = PartnerContact.objects.get(pk=world.ids["co_rep"]["partner_contact"][0])
    member = services.opportunity_team_add(
        actor=cam, opportunity=team_deal, resource_id=contoso_rep.resource_id, access_level="view"
    )
    world.add("co_team", "opportunity", team_deal)
    world.add("co_team", "opportunity_member", team_deal, member)
    world.add("co_team", "opportunity_line", team_deal, team_deal.lines.get())
