"""Northwind and Contoso in one program, Northwind at its entry tier and
Contoso at Gold, as in the shared world; a second program whose tier no
alert of the first may name."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.utils import timezone

from openprm.alerts.models import Alert
from openprm.alerts.services import alert_create
from openprm.identity.models import User
from openprm.programs.models import Partnership
from openprm.programs.services import partnership_create, program_create, tier_create
from tests.deals.conftest import customer, products, register
from tests.factories import as_actor
from tests.partners.conftest import make_partner, make_portal_user, two_partners

__all__ = ["customer", "make_partner", "make_portal_user", "products", "register", "two_partners"]


@pytest.fixture
def ladder(channel_manager: User, two_partners: dict[str, Any]) -> dict[str, Any]:
    actor = as_actor(channel_manager)
    program = program_create(actor=actor, data={"code": "MAIN", "name": "Main Program"})
    entry = tier_create(actor=actor, program=program, data={"name": "Registered"})
    gold = tier_create(actor=actor, program=program, data={"name": "Gold"})
    other = program_create(actor=actor, data={"code": "MSP", "name": "MSP Program"})
    other_tier = tier_create(actor=actor, program=other, data={"name": "MSP Silver"})
    for org in ("nw", "co"):
        partnership = partnership_create(
            actor=actor, partner_id=two_partners[org].pk, program_id=program.pk
        )
        if org == "co":
            Partnership.objects.filter(pk=partnership.pk).update(tier=gold)
    return {
        "program": program,
        "entry": entry,
        "gold": gold,
        "other": other,
        "other_tier": other_tier,
    }


def today(days: int = 0) -> dt.date:
    return timezone.localdate() + dt.timedelta(days=days)


@pytest.fixture
def make_alert(channel_manager: User) -> Callable[..., Alert]:
    """`make_alert("Title", target="all", partners=[…], priority=…)`, running
    from yesterday for ten days unless dates are given."""

    def build(title: str, target: str = "all", **fields: Any) -> Alert:
        audience = {k: fields.pop(k) for k in ("programs", "tiers", "partners") if k in fields}
        data = {
            "title": title,
            "starts_on": today(-1),
            "ends_on": today(10),
            "target": target,
            **fields,
        }
        return alert_create(actor=as_actor(channel_manager), data=data, **audience)

    return build


def ids(rows: Any) -> list[int]:
    return [row.pk for row in rows]
