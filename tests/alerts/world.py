"""The portal alerts of the shared test world (PRG-8): one aimed at every
partner, one at Northwind only, one at the World Program's Gold tier
(Contoso's, tests/programs/world.py), one at the program itself, and one
for every partner that has ended. All are written by `cam`."""

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from openprm.alerts.services import alert_create
from tests.access.world import World
from tests.factories import as_actor


@dataclass(frozen=True)
class AlertFact:
    target: str
    orgs: frozenset[str]
    """The organizations it is aimed at."""
    running: bool = True


ORGS = frozenset({"nw", "co"})
ALERTS = {
    "all_alert": AlertFact("all", ORGS),
    "nw_alert": AlertFact("partners", frozenset({"nw"})),
    "gold_alert": AlertFact("tiers", frozenset({"co"})),
    "program_alert": AlertFact("programs", ORGS),
    "ended_alert": AlertFact("all", ORGS, running=False),
}


def build(world: World) -> None:
    cam = as_actor(world.users["cam"])
    today = timezone.localdate()
    program = world.ids["program"]["program"][0]
    gold = world.ids["gold_tier"]["tier"][-1]
    audiences = {
        "all_alert": {},
        "nw_alert": {"partners": [world.ids["nw"]["partner"][0]]},
        "gold_alert": {"programs": [program], "tiers": [gold]},
        "program_alert": {"programs": [program]},
        "ended_alert": {},
    }
    for record, fact in ALERTS.items():
        starts = today - dt.timedelta(days=10 if fact.running else 40)
        ends = today + dt.timedelta(days=10) if fact.running else today - dt.timedelta(days=20)
        alert = alert_create(
            actor=cam,
            data={
                "title": f"World {record.replace('_', ' ')}",
                "body": f"For {', '.join(sorted(fact.orgs))}",
                "priority": "urgent" if record == "gold_alert" else "info",
                "starts_on": starts,
                "ends_on": ends,
                "target": fact.target,
            },
            **audiences[record],
        )
        world.add(record, "alert", alert)


def seen_by(org: str | None) -> set[str]:
    """PRG-8, PRG-7: the running alerts aimed at an organization."""
    if org is None:
        return set()
    return {record for record, fact in ALERTS.items() if fact.running and org in fact.orgs}
