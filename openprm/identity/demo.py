"""Demo sign-ins for internal staff, with a small management hierarchy."""

from openprm.core.actor import SYSTEM
from openprm.demo.context import DEMO_PASSWORD, DemoContext
from openprm.identity import catalog
from openprm.identity.actors import actor_for
from openprm.identity.models import Role
from openprm.identity.services import resource_create, user_create

STAFF = [
    ("admin", "Ada", "Admin", catalog.ADMINISTRATOR, "administrator"),
    ("salesadmin", "Sam", "Sales-Admin", catalog.SALES_ADMINISTRATOR, "sales administrator"),
    ("cam", "Chris", "Channel", catalog.CHANNEL_ACCOUNT_MANAGER, "channel account manager"),
    ("sales", "Sally", "Seller", catalog.SALESPERSON, "salesperson"),
    ("sales2", "Sid", "Seller", catalog.SALESPERSON, "salesperson reporting to sales"),
]


def sign_ins() -> list[tuple[str, str]]:
    """The staff sign-ins this seeder makes, for `openprm demo --users`."""
    return [(username, description) for username, *_names, description in STAFF]


def seed(context: DemoContext) -> None:
    roles = {role.code: role for role in Role.objects.all()}
    legal = roles[catalog.LEGAL_PREFERENCES_DUTY]
    resources = {}
    for username, first, last, role, description in STAFF:
        granted = [roles[role], legal] if role == catalog.ADMINISTRATOR else [roles[role]]
        user = user_create(
            actor=SYSTEM,
            username=username,
            password=DEMO_PASSWORD,
            email=f"{username}@openprm.example",
            first_name=first,
            last_name=last,
            roles=granted,
            system=True,
        )
        manager = resources.get("sales") if username == "sales2" else resources.get("salesadmin")
        resources[username] = resource_create(
            actor=SYSTEM,
            name=f"{first} {last}",
            email=user.email,
            user=user,
            manager=manager if username != "salesadmin" else None,
            system=True,
        )
        context.records[f"user:{username}"] = actor_for(user)
        context.sign_in(username, description)
    context.records["resources"] = resources
