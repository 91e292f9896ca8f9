"""Demo partners: Northwind Resellers and Contoso Distribution, each with a
partner administrator and a partner sales representative who sign into the
portal, plus more partners (some in a hierarchy, the last one inactive) for
the lists. A Northwind resource still waits for its portal user, so the
channel manager's home page has work to show (PC-2, PRG-9). The brand owner
allows Northwind power users and shows it its subsidiaries' contacts;
Contoso keeps the defaults, standard users only (PRG-13)."""

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
    partner_portal_update,
    partner_set_status,
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
            and contact.partner.max_portal_user_type == PartnerContact.PortalUserType.POWER
            else PartnerContact.PortalUserType.STANDARD
        ),
        invite=False,
    )
    assert contact.user is not None
    user_set_password(actor=actor_for(contact.user), user=contact.user, password=DEMO_PASSWORD)
    return contact


def sign_ins() -> list[tuple[str, str]]:
    """The portal sign-ins this seeder makes, for `openprm demo --users`."""
    return [
        sign_in
        for key, name, *_rest in PORTAL_PARTNERS
        for sign_in in (
            (f"{key}-admin", f"partner administrator of {name} (portal)"),
            (f"{key}-rep", f"partner sales representative of {name} (portal)"),
        )
    ]


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
        if key == "nw":
            partner = partner_portal_update(
                actor=actor,
                partner=partner,
                expected_version=partner.version,
                max_portal_user_type=PartnerContact.PortalUserType.POWER,
                portal_shows_subsidiaries=True,
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
    if len(partners) > len(PORTAL_PARTNERS):
        last = partners[-1]
        partners[-1] = partner_set_status(actor=actor, partner=last, status="inactive")
    waiting = partner_contact_create(
        actor=actor,
        partner=partners[0],
        data={"first_name": "Wendy", "last_name": "Waite", "email": "wendy.waite@partners.example"},
        confirm_duplicates=True,
    )
    partner_contact_promote_to_resource(
        actor=actor,
        contact=waiting,
        role_id=roles[catalog.PARTNER_SALES_REPRESENTATIVE].pk,
        expected_version=waiting.version,
    )
    context.records["partners"] = partners
    for username, description in sign_ins():
        context.sign_in(username, description)
