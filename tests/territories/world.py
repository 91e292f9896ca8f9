"""The territories of the shared test world: Chile (one criterion, the
`territory` actor as member, the `own` account assigned) and France (no
members, the `other` account assigned), and one realignment run."""

from openprm.territories.models import RealignmentRun
from openprm.territories.services import account_assign_territories
from tests.access.world import RECORDS, World
from tests.factories import as_actor
from tests.teams.helpers import territory

TERRITORY_COUNTRIES = {"chile": "CL", "france": "FR"}  # each territory's one criterion
TERRITORY_MEMBERS = {"chile": ("territory",), "france": ()}
TERRITORY_ACCOUNTS = {"chile": ("own",), "france": ("other",)}


def build(world: World) -> None:
    admin = world.users["salesadmin"]
    for name, members in TERRITORY_MEMBERS.items():
        world.territories[name] = territory(
            f"Matrix {name.title()}",
            members=tuple(world.users[m].resource for m in members),
            country=TERRITORY_COUNTRIES[name],
        )
    for accounts in TERRITORY_ACCOUNTS.values():
        for record in accounts:
            account_assign_territories(actor=as_actor(admin), account_id=world.accounts[record].pk)
    chile = world.territories["chile"]
    run = RealignmentRun.objects.create(started_by=admin)
    criterion, member = chile.criteria.get(), chile.members.get()
    for record in RECORDS:
        world.add(record, "territory", chile)
        world.add(record, "criterion", chile, criterion)
        world.add(record, "t_member", chile, member)
        world.add(record, "run", run)
