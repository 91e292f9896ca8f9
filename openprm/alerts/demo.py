"""Demo alerts (PRG-8): one for every partner, one for a program, one for a
tier, one for Northwind only; one urgent, and one that has ended. The
program and tier alerts need the programs app's demo programs."""

import datetime as dt

from django.utils import timezone

from openprm.alerts.services import alert_create
from openprm.core import access
from openprm.demo.context import DemoContext
from openprm.programs.models import Program, Tier


def seed(context: DemoContext) -> None:
    actor = context.records["user:cam"]
    today = timezone.localdate()
    products = context.records.get("products", [])
    partners = context.records["partners"]

    def days(n: int) -> dt.date:
        return today + dt.timedelta(days=n)

    alert_create(
        actor=actor,
        data={
            "title": "Spring switching promotion: 12% extra margin",
            "body": "Every Switch 48-port you register and win before the end of the quarter "
            "earns 12% extra margin on top of your tier's.",
            "priority": "important",
            "starts_on": days(-5),
            "ends_on": days(40),
            "product_id": products[3].pk if len(products) > 3 else None,
            "target": "all",
        },
    )
    alert_create(
        actor=actor,
        data={
            "title": "Planned portal maintenance on Saturday",
            "body": "The portal is read-only on Saturday from 06:00 to 08:00 UTC. "
            "Registrations submitted before then are kept.",
            "priority": "urgent",
            "starts_on": today,
            "ends_on": days(6),
            "target": "all",
        },
    )
    alert_create(
        actor=actor,
        data={
            "title": "Northwind: your co-marketing budget is approved",
            "body": "Your market development funds for the next campaign are approved. "
            "Your channel manager will send the details.",
            "starts_on": days(-1),
            "target": "partners",
        },
        partners=[partners[0].pk],
    )
    alert_create(
        actor=actor,
        data={
            "title": "Winter Wi-Fi campaign",
            "body": "The winter campaign on access points has ended. Thank you for taking part.",
            "starts_on": days(-90),
            "ends_on": days(-30),
            "link_url": "https://www.example.com/promotions/winter-wifi",
            "target": "all",
        },
    )
    program = access.visible(Program, actor).filter(is_active=True).order_by("pk").first()
    if program is None:
        return
    alert_create(
        actor=actor,
        data={
            "title": f"{program.name}: new certification track",
            "body": "A new sales certification counts towards the certified people every tier "
            "asks for. Enrol your team in the portal.",
            "starts_on": days(-2),
            "ends_on": days(60),
            "link_url": "https://www.example.com/training",
            "target": "programs",
        },
        programs=[program.pk],
    )
    top = access.visible(Tier, actor).filter(program=program).order_by("-rank").first()
    if top is not None:
        alert_create(
            actor=actor,
            data={
                "title": f"{top.name} partners: early access to Wi-Fi 7",
                "body": "As a top-tier partner you can order Wi-Fi 7 access points two months "
                "before general availability.",
                "priority": "important",
                "starts_on": days(-3),
                "ends_on": days(30),
                "product_id": products[5].pk if len(products) > 5 else None,
                "target": "tiers",
            },
            tiers=[top.pk],
        )
