"""The programs of the shared test world: one program with two tiers
(Registered, then Gold, which asks one won deal); Northwind in Registered,
Contoso in Gold, placed by hand; both partnerships managed by `cam`.

An evaluation of the program keeps a snapshot of each partner and opens a
downgrade review for Contoso (it won nothing, so it falls short of Gold);
Northwind keeps its entry tier.
"""

from openprm.programs.models import DowngradeReview, Snapshot
from openprm.programs.services import (
    partnership_create,
    program_create,
    program_evaluate,
    tier_create,
    tier_override,
)
from tests.access.world import World
from tests.factories import as_actor

TIERS = {"nw": "Registered", "co": "Gold"}
"""Each organization's tier."""


def build(world: World) -> None:
    actor = as_actor(world.users["cam"])
    program = program_create(
        actor=actor, data={"code": "WORLD", "name": "World Program", "grace_days": 0}
    )
    entry = tier_create(actor=actor, program=program, data={"name": "Registered"})
    gold = tier_create(
        actor=actor,
        program=program,
        data={"name": "Gold", "protection_days": 120},
        requirements=[{"indicator": "won_deals", "threshold": "1", "window_months": 12}],
    )
    world.add("program", "program", program)
    world.add("entry_tier", "tier", entry)
    world.add("gold_tier", "tier", gold)
    for org in ("nw", "co"):
        partnership = partnership_create(
            actor=actor,
            partner_id=world.ids[org]["partner"][0],
            program_id=program.pk,
            channel_manager_id=world.users["cam"].pk,
        )
        if TIERS[org] == "Gold":
            partnership = tier_override(
                actor=actor,
                partnership=partnership,
                tier_id=gold.pk,
                reason="Strategic partner",
                expected_version=partnership.version,
            )
        world.add(org, "partnership", partnership)
    program_evaluate(actor=actor, program=program)
    for org in ("nw", "co"):
        world.add(
            org,
            "snapshot",
            Snapshot.objects.filter(partnership__partner_id=world.ids[org]["partner"][0]).latest(
                "pk"
            ),
        )
    world.add(
        "co",
        "review",
        DowngradeReview.objects.get(partnership__partner_id=world.ids["co"]["partner"][0]),
    )
