"""The programs of the shared test world: one program with two tiers
(Registered, then Gold); Northwind in Registered,
Contoso in Gold; both partnerships managed by `cam`."""

from openprm.programs.models import Partnership
from openprm.programs.services import partnership_create, program_create, tier_create
from tests.access.world import World
from tests.factories import as_actor

TIERS = {"nw": "Registered", "co": "Gold"}
"""Each organization's tier."""


def build(world: World) -> None:
    actor = as_actor(world.users["cam"])
    program = program_create(actor=actor, data={"code": "WORLD", "name": "World Program"})
    entry = tier_create(actor=actor, program=program, data={"name": "Registered"})
    gold = tier_create(actor=actor, program=program, data={"name": "Gold", "protection_days": 120})
    world.add("program", "program", program)
    world.add("entry_tier", "tier", program, entry)
    world.add("gold_tier", "tier", program, gold)
    for org in ("nw", "co"):
        partnership = partnership_create(
            actor=actor,
            partner_id=world.ids[org]["partner"][0],
            program_id=program.pk,
            channel_manager=world.users["cam"],
        )
        if TIERS[org] == "Gold":
            Partnership.objects.filter(pk=partnership.pk).update(tier=gold)
        world.add(org, "partnership", partnership)
