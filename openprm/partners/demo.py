"""Demo partners: Northwind Resellers and Contoso Distribution, each with a
partner administrator and a partner sales representative who sign into the
portal, plus more partners (some in a hierarchy) for the lists."""

from openprm.core.actor import Actor
from openprm.demo.context import DEMO_PASSWORD, DemoContext
from openprm.identity import catalog
from openprm.identity.actors import actor_for
from openprm.identity.models import Role
from openprm.identity.services import user_set_password
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.services import (
    partner_contact_create,
    partner_contact_promote_to_resource,
    partner_contact_promote_to_user,
    partner_create,
)

BASE_URL = "http://localhost:8000/"
PORTAL_PARTNERS = [
    ("nw", "Northwind Resellers", "US", ("Nora", "Winters"), ("Ned", "Ramirez")),
    ("co", "Contoso Distribution", "DE", ("Carla", "Ostrowski"), ("Conrad", "Reyes")),
]


def _portal_user(
    actor: Actor, contact: PartnerContact, username: str, role: Role, manager: PartnerContact | None
) -> PartnerContact:
    contact = partner_contact_promote_to_resource(
        actor=actor,
        contact=contact,
        role_id=role.pk,
        manager_id=manager.pk if manager else None,
        expected_version=contact.version,
    )
    contact = partner_contact_promote_to_user(
        actor=actor,
        contact=contact,
        username=username,
        email=f"{username}@partners.example",
        expected_version=contact.version,
        base_url=BASE_URL,
        portal_user_type=(
            PartnerContact.PortalUserType.POWER
            if manager is None
            else PartnerContact.PortalUserType.STANDARD
        ),
        invite=False,
    )
    assert contact.user is not None
    user_set_password(actor=actor_for(contact.user), user=contact.user, password=DEMO_PASSWORD)
    return contact


def seed(context: DemoContext) -> None:
    actor = context.records["user:cam"]
    roles = {role.code: role for role in Role.objects.filter(for_partners=True)}
    partners: list[PartnerProfile] = []
    for key, name, country, admin_name, rep_name in PORTAL_PARTNERS:
        partner = partner_create(
            actor=actor,
            data={"name": name, "country": country, "city": context.faker.city()},
            primary_contact={"first_name": admin_name[0], "last_name": admin_name[1]},
            confirm_duplicates=True,
        )
        admin = PartnerContact.objects.get(partner=partner, is_primary=True)
        admin = _portal_user(
            actor, admin, f"{key}-admin", roles[catalog.PARTNER_ADMINISTRATOR], None
        )
        rep = partner_contact_create(
            actor=actor,
            partner=partner,
            data={"first_name": rep_name[0], "last_name": rep_name[1]},
            confirm_duplicates=True,
        )
        _portal_user(actor, rep, f"{key}-rep", roles[catalog.PARTNER_SALES_REPRESENTATIVE], admin)
        context.sign_in(f"{key}-admin", f"partner administrator of {name} (portal)")
        context.sign_in(f"{key}-rep", f"partner sales representative of {name} (portal)")
        partners.append(partner)
    for index in range(max(context.count("partners") - len(partners), 0)):
        parent = partners[0] if index % 3 == 0 else None
        name = f"{context.faker.company()} {'East' if parent else 'Partners'}"
        partner = partner_create(
            actor=actor,
            data={
                "name": name,
                "country": context.rng.choice(["US", "GB", "DE", "FR", "NO"]),
                "parent_id": parent.account_id if parent else None,
            },
            primary_contact={
                "first_name": context.faker.first_name(),
                "last_name": context.faker.last_name(),
            },
            confirm_duplicates=True,
        )
        partners.append(partner)
    context.records["partners"] = partners
