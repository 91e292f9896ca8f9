"""Partners with contacts at every level, for the partners and portal tests."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail

from openprm.identity import catalog
from openprm.identity.models import Role, User
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.services import (
    partner_contact_create,
    partner_contact_promote_to_resource,
    partner_contact_promote_to_user,
    partner_create,
)
from tests.factories import as_actor

BASE_URL = "http://testserver/"


def role_id(code: str) -> int:
    return Role.objects.get(code=code).pk


@pytest.fixture
def make_partner(channel_manager: User) -> Callable[..., PartnerProfile]:
    def build(name: str = "Northwind", actor: User | None = None, **data: Any) -> PartnerProfile:
        return partner_create(
            actor=as_actor(actor or channel_manager),
            data={"name": name, **data},
            primary_contact={"first_name": "Pat", "last_name": f"{name} Admin"},
            confirm_duplicates=True,
        )

    return build


@pytest.fixture
def make_portal_user(channel_manager: User) -> Callable[..., PartnerContact]:
    """A partner contact promoted to resource and to portal user (PC-2)."""

    def build(
        partner: PartnerProfile,
        username: str,
        role: str = catalog.PARTNER_SALES_REPRESENTATIVE,
        contact: PartnerContact | None = None,
    ) -> PartnerContact:
        if contact is None:
            contact = partner_contact_create(
                actor=as_actor(channel_manager),
                partner=partner,
                data={"first_name": username.title(), "last_name": "Person"},
                confirm_duplicates=True,
            )
        contact = partner_contact_promote_to_resource(
            actor=as_actor(channel_manager),
            contact=contact,
            role_id=role_id(role),
            expected_version=contact.version,
        )
        contact = partner_contact_promote_to_user(
            actor=as_actor(channel_manager),
            contact=contact,
            username=username,
            email=f"{username}@partner.example",
            expected_version=contact.version,
            base_url=BASE_URL,
        )
        mail.outbox.clear()
        return contact

    return build


@pytest.fixture
def two_partners(
    make_partner: Callable[..., PartnerProfile],
    make_portal_user: Callable[..., PartnerContact],
) -> dict[str, Any]:
    """Northwind and Contoso, each with its administrator and a sales rep as
    portal users (PRG-7 needs two organizations to prove isolation). The
    brand owner allows Northwind power users; Contoso keeps the default,
    standard (PRG-13), as in the shared test world."""
    found: dict[str, Any] = {}
    for key, name in (("nw", "Northwind"), ("co", "Contoso")):
        partner = make_partner(name)
        if key == "nw":
            # Stored as the brand owner's setting would be, without a version
            # bump: tests address the new partner at version 1.
            PartnerProfile.objects.filter(pk=partner.pk).update(max_portal_user_type="power")
            partner.refresh_from_db()
        primary = PartnerContact.objects.get(partner=partner, is_primary=True)
        found[key] = partner
        found[f"{key}_admin"] = make_portal_user(
            partner, f"{key}-admin", catalog.PARTNER_ADMINISTRATOR, contact=primary
        )
        found[f"{key}_rep"] = make_portal_user(partner, f"{key}-rep")
    return found
