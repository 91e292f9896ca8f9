"""The partners of the shared test world: the channel account manager
`cam`, and two organizations, Northwind (`nw`) and Contoso (`co`), each
with its administrator (the primary contact) and a sales representative as
portal users (PRG-7 needs two to prove isolation). Northwind also has a
`plain` contact who is neither a resource nor a user yet. The brand owner
allows Northwind power users; Contoso keeps the default, standard (PRG-13)."""

from django.core import mail

from openprm.identity.catalog import (
    CHANNEL_ACCOUNT_MANAGER,
    PARTNER_ADMINISTRATOR,
    PARTNER_SALES_REPRESENTATIVE,
)
from openprm.identity.models import Role
from openprm.partners.models import PartnerContact
from openprm.partners.services import (
    partner_contact_create,
    partner_contact_promote_to_resource,
    partner_contact_promote_to_user,
    partner_create,
    partner_portal_update,
)
from tests.access.world import World
from tests.factories import as_actor, make_user

PARTNERS = {"nw": "Northwind", "co": "Contoso"}
PORTAL_ROLES = {"admin": PARTNER_ADMINISTRATOR, "rep": PARTNER_SALES_REPRESENTATIVE}
PARTNER_ACTORS = tuple(f"{org}_{who}" for org in PARTNERS for who in PORTAL_ROLES)
CONTACTS = {"nw": ("nw_admin", "nw_rep", "plain"), "co": ("co_admin", "co_rep")}
"""Each organization's partner contacts; its portal users are its admin and rep."""
LAST_NAMES = {
    "nw_admin": "Northwind Admin",
    "nw_rep": "Person",
    "plain": "Plain",
    "co_admin": "Contoso Admin",
    "co_rep": "Person",
}


def _portal_user(world: World, contact: PartnerContact, username: str, role: str) -> None:
    cam = as_actor(world.users["cam"])
    contact = partner_contact_promote_to_resource(
        actor=cam,
        contact=contact,
        role_id=Role.objects.get(code=role).pk,
        expected_version=contact.version,
    )
    contact = partner_contact_promote_to_user(
        actor=cam,
        contact=contact,
        username=username,
        email=f"{username}@partner.example",
        expected_version=contact.version,
        base_url="http://testserver/",
    )
    world.users[username.replace("-", "_")] = contact.user
    world.add(username.replace("-", "_"), "partner_contact", contact)
    world.add(username.replace("-", "_"), "resource", contact.resource)


def build(world: World) -> None:
    world.users["cam"] = make_user(CHANNEL_ACCOUNT_MANAGER, username="m_cam")
    cam = as_actor(world.users["cam"])
    partners = {}
    for org, name in PARTNERS.items():
        partner = partner_create(
            actor=cam,
            data={"name": name},
            primary_contact={"first_name": "Pat", "last_name": LAST_NAMES[f"{org}_admin"]},
            confirm_duplicates=True,
        )
        partners[org] = partner
        world.add(org, "partner", partner)
        world.add(org, "partner_account", partner.account)
        primary = PartnerContact.objects.get(partner=partner, is_primary=True)
        _portal_user(world, primary, f"{org}-admin", PARTNER_ADMINISTRATOR)
        rep = partner_contact_create(
            actor=cam,
            partner=partner,
            data={"first_name": f"{name} Rep", "last_name": LAST_NAMES[f"{org}_rep"]},
            confirm_duplicates=True,
        )
        _portal_user(world, rep, f"{org}-rep", PARTNER_SALES_REPRESENTATIVE)
    plain = partner_contact_create(
        actor=cam,
        partner=partners["nw"],
        data={"last_name": LAST_NAMES["plain"]},
        confirm_duplicates=True,
    )
    world.add("plain", "partner_contact", plain)
    northwind = partners["nw"]
    northwind.refresh_from_db()
    partner_portal_update(
        actor=cam,
        partner=northwind,
        expected_version=northwind.version,
        max_portal_user_type="power",
    )
    mail.outbox = []
