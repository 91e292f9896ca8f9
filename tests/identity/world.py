"""The people of the shared test world: the nine actors of the TEAM-5
matrices and two strangers who own what nobody else relates to, each
internal user with the Salesperson role except the sales administrator
(and the organization-less `partner`). Who has a resource, and whose
resource reports to whose, is stated here for the reference rules. The
resources and the Salesperson role are world records too: their pages
(set a manager, edit a role's privileges) are asked of every actor."""

from openprm.identity.catalog import SALES_ADMINISTRATOR, SALESPERSON
from openprm.identity.models import Resource, Role, User
from tests.access.world import ACTORS, World
from tests.factories import make_user
from tests.teams.helpers import resource_for

STRANGERS = ("stranger", "stranger2")
RESOURCES = ("manager", "view", "edit", "full", "owner", "stranger", "stranger2", "territory")
MANAGES = {"manager": frozenset({"territory"})}


def build(world: World) -> None:
    for name in (*ACTORS, *STRANGERS):
        if name == "partner":
            user = make_user(username="m_partner", user_type=User.UserType.PARTNER)
        else:
            role = SALES_ADMINISTRATOR if name == "salesadmin" else SALESPERSON
            user = make_user(role, username=f"m_{name}")
        world.users[name] = user
    for name in RESOURCES:
        world.add(name, "resource", resource_for(world.users[name]))
    world.add("own", "role", Role.objects.get(code=SALESPERSON))
    for boss, reports in MANAGES.items():
        Resource.objects.filter(user__in=[world.users[r] for r in reports]).update(
            manager=Resource.objects.get(user=world.users[boss])
        )
    world.extra["spare_resource"] = Resource.objects.get(user=world.users["stranger"]).pk
