"""The demo's alerts (PRG-8): aimed at all, at a program, at a tier and at
one partner; one urgent, one ended; Northwind's users see theirs."""

from typing import Any

import pytest
from django.utils import timezone

from openprm.alerts import demo
from openprm.alerts.models import Alert
from openprm.alerts.selectors import home_alerts
from openprm.catalog import demo as catalog_demo
from openprm.demo.context import DemoContext
from openprm.identity import demo as identity_demo
from openprm.identity.actors import actor_for
from openprm.identity.models import User
from openprm.partners import demo as partners_demo
from openprm.programs.services import partnership_create, program_create, tier_create

pytestmark = pytest.mark.django_db


def test_prg_8_demo_alerts_cover_every_target(settings: Any) -> None:
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    context = DemoContext(size="small")
    for seeder in (identity_demo, partners_demo, catalog_demo):
        seeder.seed(context)
    cam = context.records["user:cam"]
    program = program_create(actor=cam, data={"code": "DEMO", "name": "Partner Program"})
    tier_create(actor=cam, program=program, data={"name": "Registered"})
    tier_create(actor=cam, program=program, data={"name": "Gold"})
    partnership_create(
        actor=cam, partner_id=context.records["partners"][0].pk, program_id=program.pk
    )
    demo.seed(context)

    assert set(Alert.objects.values_list("target", flat=True)) == {
        "all", "programs", "tiers", "partners",
    }  # fmt: skip
    assert Alert.objects.filter(priority="urgent").count() == 1
    assert Alert.objects.filter(ends_on__lt=timezone.localdate()).count() == 1
    northwind = actor_for(User.objects.get(username="nw-admin"))
    titles = [a.title for a in home_alerts(actor=northwind)]
    assert titles[0] == "Planned portal maintenance on Saturday"
    assert "Northwind: your co-marketing budget is approved" in titles
    assert "Partner Program: new certification track" in titles
    assert "Gold partners: early access to Wi-Fi 7" not in titles
    contoso = actor_for(User.objects.get(username="co-admin"))
    assert "Northwind: your co-marketing budget is approved" not in [
        a.title for a in home_alerts(actor=contoso)
    ]
