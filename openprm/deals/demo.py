"""Demo deals: registrations of both portal partners in every state (one
pair in channel conflict), opportunities on sales accounts, and leads — one
waiting for Northwind's answer in the portal."""

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from openprm.catalog.models import Product
from openprm.core.actor import Actor
from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.deals import services
from openprm.deals.housekeeping import registrations_expire
from openprm.deals.models import DealRegistration, Opportunity
from openprm.demo.context import DemoContext
from openprm.identity.actors import actor_for
from openprm.identity.models import User
from openprm.partners.models import PartnerProfile

CUSTOMERS = (
    ("Blue Harbor Logistics", "US", "blueharbor.com"),
    ("Granite Peak Clinics", "US", "granitepeak.health"),
    ("Nordlicht Stadtwerke", "DE", "nordlicht-stadtwerke.de"),
    ("Maple Leaf Schools", "CA", "mapleleafschools.ca"),
    ("Sunrise Hotels", "US", "sunrisehotels.com"),
    ("Alpen Bank", "DE", "alpenbank.de"),
    ("Riverbend County", "US", "riverbendcounty.gov"),
    ("Harbor Freight Lines", "US", "harborfreightlines.com"),
)

LEAD_TOPICS = ("Wi-Fi upgrade", "Firewall renewal", "New branch", "Cloud management")


def _register(
    actor: Actor,
    products: list[Product],
    customer: tuple[str, str, str],
    picks: tuple[int, ...],
    amount: int,
    days: int,
) -> DealRegistration:
    name, country, domain = customer
    return services.registration_create(
        actor=actor,
        data={
            "title": f"{name} network refresh",
            "customer_name": name,
            "country": country,
            "web_domain": domain,
            "close_date": timezone.localdate() + dt.timedelta(days=days),
            "description": "Replace the branch network and add Wi-Fi.",
        },
        lines=[services.LineIn(products[p].pk, 1 + p % 3, Decimal(amount)) for p in picks],
    )


def _submit(actor: Actor, registration: DealRegistration) -> DealRegistration:
    return services.registration_submit(
        actor=actor, registration=registration, expected_version=registration.version
    )


def seed(context: DemoContext) -> None:
    products = context.records["products"]
    partner_actor = {
        key: actor_for(User.objects.get(username=f"{key}-rep")) for key in ("nw", "co")
    }
    approver = context.records["user:admin"]
    nw, co = partner_actor["nw"], partner_actor["co"]
    sales_accounts = list(
        Account.objects.filter(is_sales_account=True, is_active=True).order_by("pk")[:6]
    )

    _register(nw, products, CUSTOMERS[0], (0, 4), 18_000, 60)  # a draft
    submitted = _submit(nw, _register(nw, products, CUSTOMERS[1], (1, 6), 42_500, 45))
    conflicting = _submit(co, _register(co, products, CUSTOMERS[1], (1,), 39_900, 50))
    returned = _submit(co, _register(co, products, CUSTOMERS[2], (2, 3), 27_300, 75))
    services.registration_return(
        actor=approver,
        registration=returned,
        note="Which sites are included? Please add the site count.",
        expected_version=returned.version,
    )
    accounts: dict[str, Account] = {}
    for partner, customer, picks, amount in (
        (nw, CUSTOMERS[3], (4, 5), 56_000),
        (co, CUSTOMERS[4], (0, 7), 23_750),
        (nw, CUSTOMERS[5], (1, 2), 88_000),
        (co, CUSTOMERS[6], (5,), 12_400),
        (nw, CUSTOMERS[6], (7,), 6_200),
        (co, CUSTOMERS[3], (3,), 31_000),
    ):
        registration = _submit(partner, _register(partner, products, customer, picks, amount, 60))
        name, country, _domain = customer
        if name not in accounts:
            accounts[name] = account_create(
                actor=context.records["user:salesadmin"],
                data={"name": name, "country": country, "city": context.faker.city()},
                confirm_duplicates=True,
            )
        services.registration_approve(
            actor=approver,
            registration=registration,
            account_id=accounts[name].pk,
            expected_version=registration.version,
        )
    rejected = _submit(nw, _register(nw, products, CUSTOMERS[7], (6,), 9_900, 30))
    services.registration_reject(
        actor=approver,
        registration=rejected,
        reason="EXISTING_DEAL",
        note="Our field team already works this renewal.",
        expected_version=rejected.version,
    )
    withdrawn = _submit(co, _register(co, products, CUSTOMERS[7], (2,), 14_000, 40))
    services.registration_withdraw(
        actor=co, registration=withdrawn, expected_version=withdrawn.version
    )
    _close_some(approver)
    _leads(context, sales_accounts)
    context.records["registrations"] = [submitted, conflicting]


def _close_some(approver: Actor) -> None:
    """Won, lost, cancelled and expired registrations for the history, and
    one whose protection ends within a week."""
    approved = list(DealRegistration.objects.filter(state="approved").order_by("pk"))
    for registration, stage in zip(approved[:2], ("won", "lost"), strict=True):
        opportunity = Opportunity.objects.get(pk=registration.opportunity_id)
        services.opportunity_set_stage(
            actor=approver,
            opportunity=opportunity,
            stage=stage,
            expected_version=opportunity.version,
        )
    services.registration_cancel(
        actor=approver,
        registration=approved[4],
        note="The customer chose to buy directly.",
        expected_version=approved[4].version,
    )
    DealRegistration.objects.filter(pk=approved[5].pk).update(
        protection_ends=timezone.localdate() - dt.timedelta(days=1)
    )
    registrations_expire()
    DealRegistration.objects.filter(pk=approved[2].pk).update(
        protection_ends=timezone.localdate() + dt.timedelta(days=6)
    )


def _leads(context: DemoContext, accounts: list[Account]) -> None:
    cam = context.records["user:admin"]
    northwind = PartnerProfile.objects.get(account__name="Northwind Resellers")
    for index, (account, topic) in enumerate(zip(accounts, LEAD_TOPICS, strict=False)):
        lead = services.lead_create(
            actor=cam,
            account_id=account.pk,
            name=f"{account.name}: {topic}",
            amount=Decimal(15_000 + 5_000 * index),
        )
        if index == 0:
            services.lead_route(
                actor=cam, lead=lead, partner_id=northwind.pk, expected_version=lead.version
            )
