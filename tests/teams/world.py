"""The account teams of the shared test world: each account's members at
the levels its facts state (tests/customers/world.py)."""

from openprm.identity.models import Resource
from openprm.teams.models import AccountTeamMember
from tests.access.world import World
from tests.customers.world import FACTS


def build(world: World) -> None:
    for record, facts in FACTS.items():
        account = world.accounts[record]
        members = [
            AccountTeamMember.objects.create(
                account=account,
                user=world.users[member],
                resource=Resource.objects.get(user=world.users[member]),
                access_level=level,
            )
            for member, level in facts.team.items()
        ]
        world.add(record, "member", account, members[0])
