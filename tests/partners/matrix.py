"""The partners' rows of the access matrices that no declaration gives
(tests/access/cases.py): a partner's contacts tab, the API's writes of
partners and partner contacts, and the portal's pages of one contact (PA-*,
PC-*, PRG-7); and what the partner lists, internal and portal, show. The
other pages of one partner or contact declare their record and action, so
their rows are derived."""

from collections.abc import Callable

from django.urls import reverse
from django.utils.text import slugify

from openprm.core.testing.matrix import html_rows, json_items, texts_shown
from openprm.identity.catalog import PARTNER_SALES_REPRESENTATIVE
from openprm.identity.models import Role
from openprm.partners.models import PartnerContact, PartnerProfile
from tests import privileges as p
from tests.access.cases import INTERNAL, PARTNER_USERS, Case, holders, of, version
from tests.access.lists import Expect, Listed, ListsOf, exports
from tests.access.world import World
from tests.partners.world import CONTACTS, LAST_NAMES, PARTNERS

NW = of("nw", "partner")
NORTHWIND = frozenset({"nw_admin", "nw_rep"})
SEES_NORTHWIND = (p.MANAGE_PARTNERS, NORTHWIND)
"""Northwind's records: its own users and whoever manages partners."""
MANAGES = {"allowed": p.MANAGE_PARTNERS, "sees": p.MANAGE_PARTNERS}
PLAIN = of("plain", "partner_contact")
REP = of("nw_rep", "partner_contact")
ADMINS = frozenset({"nw_admin", "co_admin"})
"""Each organization's partner administrator (PRG-2)."""

PAGES = {
    "partners:partner_detail": [Case("get", NW, **MANAGES, query="?tab=contacts")],
    "portal:contact_favorite": [Case("post", REP, allowed=NORTHWIND, sees=NORTHWIND, ok=302)],
    # PRG-2: only an organization's partner administrator opens the
    # invitation form; its other users get 403, internal users 404.
    "portal:user_invite": [Case("get", allowed=ADMINS, sees=PARTNER_USERS)],
}

A = "/api/v1"
OPERATIONS = {
    f"POST {A}/partners": [
        Case(
            "post",
            allowed=p.MANAGE_PARTNERS,
            ok=201,
            body={"name": "Fabrikam", "primary_contact": {"last_name": "Fab"}},
        )
    ],
    **{
        f"{method.upper()} {A}/partners/{{partner_id}}{suffix}": [
            Case(method, NW, allowed=p.MANAGE_PARTNERS, sees=SEES_NORTHWIND, ok=ok, body=body)
        ]
        for method, suffix, ok, body in (
            ("patch", "", 200, version(PartnerProfile, "nw", "partner")),
            ("post", "/inactivate", 200, {}),
            ("post", "/activate", 409, {}),  # it is active already
        )
    },
    f"POST {A}/partners/{{partner_id}}/contacts": [
        Case(
            "post",
            NW,
            allowed=p.MANAGE_PARTNERS,
            sees=SEES_NORTHWIND,
            ok=201,
            body={"last_name": "New", "confirm_duplicates": True},
        )
    ],
    f"POST {A}/partners/{{partner_id}}/contacts/existing": [
        Case(
            "post",
            NW,
            allowed=p.MANAGE_PARTNERS,
            sees=SEES_NORTHWIND,
            ok=409,  # Contoso's representative works for Contoso already
            body=lambda w: {
                "person_id": PartnerContact.objects.get(
                    pk=w.ids["co_rep"]["partner_contact"][0]
                ).person_id
            },
        )
    ],
    f"PATCH {A}/partner-contacts/{{contact_id}}": [
        Case(
            "patch",
            REP,
            allowed=p.MANAGE_PARTNERS,
            sees=SEES_NORTHWIND,
            body=version(PartnerContact, "nw_rep", "partner_contact", portal_user_type="power"),
        )
    ],
    f"POST {A}/partner-contacts/{{contact_id}}/promote-to-resource": [
        Case(
            "post",
            PLAIN,
            allowed=p.MANAGE_PARTNERS,
            sees=SEES_NORTHWIND,
            body=lambda w: {
                "version": PartnerContact.objects.get(
                    pk=w.ids["plain"]["partner_contact"][0]
                ).version,
                "role_id": Role.objects.get(code=PARTNER_SALES_REPRESENTATIVE).pk,
            },
        )
    ],
    f"POST {A}/partner-contacts/{{contact_id}}/promote-to-user": [
        Case(
            "post",
            PLAIN,
            allowed=p.MANAGE_PARTNERS,
            sees=SEES_NORTHWIND,
            ok=409,
            body=version(
                PartnerContact, "plain", "partner_contact", username="x", email="x@x.example"
            ),
        )
    ],
    f"DELETE {A}/partner-contacts/{{contact_id}}": [
        Case("delete", REP, allowed=p.MANAGE_PARTNERS, sees=SEES_NORTHWIND, ok=204)
    ],
    f"PUT {A}/partner-contacts/{{contact_id}}/favorite": [
        Case("put", REP, allowed=SEES_NORTHWIND, sees=SEES_NORTHWIND, body={"favorite": True})
    ],
    f"PUT {A}/accounts/{{account_id}}/managed-partner": [
        Case(
            "put",
            of("nw", "partner_account"),
            allowed=p.MANAGE_PARTNERS,
            sees=SEES_NORTHWIND,
            body={"managed_partner": True},
        )
    ],
    f"PATCH {A}/partners/{{partner_id}}/portal": [
        Case(
            "patch",
            NW,
            allowed=p.MANAGE_PARTNERS,
            sees=SEES_NORTHWIND,
            body=version(PartnerProfile, "nw", "partner", portal_enabled=False),
        )
    ],
    # The channel team, or the organization's own administrator (PRG-2).
    f"POST {A}/partner-contacts/{{contact_id}}/invitation": [
        Case(
            "post",
            REP,
            allowed=(p.MANAGE_PARTNERS, frozenset({"nw_admin"})),
            sees=SEES_NORTHWIND,
            ok=201,
        )
    ],
    f"POST {A}/portal/users": [
        Case(
            "post",
            allowed=ADMINS,
            sees=PARTNER_USERS,
            ok=201,
            body={"first_name": "Nina", "last_name": "New", "email": "nina@partner.example"},
        )
    ],
    f"POST {A}/portal/users/{{contact_id}}/invitation": [
        Case("post", REP, allowed=frozenset({"nw_admin"}), sees=NORTHWIND, ok=201)
    ],
    f"PATCH {A}/portal/users/{{contact_id}}": [
        Case(
            "patch",
            REP,
            allowed=frozenset({"nw_admin"}),
            sees=NORTHWIND,
            body=version(PartnerContact, "nw_rep", "partner_contact", portal_user_type="power"),
        )
    ],
}


# Lists ------------------------------------------------------------------------------


def organization_of(actor: str) -> str | None:
    """The organization a partner user works for (PRG-7), None for internal users."""
    return actor.split("_")[0] if actor in PARTNER_USERS else None


def partners_seen(world: World, actor: str) -> frozenset[str]:
    """PA-1, PRG-7: every partner to whoever manages partners or sees every
    sales account (a partner's account is one), its own to a partner user."""
    if actor in holders(world, (p.MANAGE_PARTNERS, p.VIEW_ALL_SALES_DATA)):
        return frozenset(PARTNERS)
    own = organization_of(actor)
    return frozenset({own}) if own is not None else frozenset()


def contact_ids(world: World, contacts: tuple[str, ...]) -> set[str]:
    return {str(world.ids[contact]["partner_contact"][0]) for contact in contacts}


def partners(world: World) -> list[Listed]:
    """PA-2: the managed partners the actor sees; the page is internal."""
    page = reverse("partners:partner_list")

    def ids(w: World, actor: str) -> set[str]:
        return {str(w.ids[org]["partner"][0]) for org in partners_seen(w, actor)}

    on_page: Expect = lambda w, a: ids(w, a) if a in INTERNAL else None  # noqa: E731
    return [
        Listed("/api/v1/partners", json_items(), ids),
        Listed(page, html_rows(r"/partners/(\d+)/"), on_page),
        *exports(page, "ID", on_page),
    ]


def partner_contacts(world: World) -> list[Listed]:
    """PC-1: a partner's contacts, to whoever sees the partner: its own
    users through the API, internal users on its page too."""
    rows = []
    for org, contacts in CONTACTS.items():
        pk = world.ids[org]["partner"][0]
        page = f"{reverse('partners:partner_detail', args=[pk])}?tab=contacts"

        def seen(found: set[str], org: str = org, web: bool = False) -> Expect:
            return lambda w, a: (
                found if org in partners_seen(w, a) and (a in INTERNAL or not web) else None
            )

        rows += [
            Listed(
                f"/api/v1/partners/{pk}/contacts", json_items(), seen(contact_ids(world, contacts))
            ),
            Listed(
                page,
                html_rows(r"contact-(.+)"),
                seen({slugify(LAST_NAMES[c]) for c in contacts}, web=True),
            ),
            *exports(page, "Last name", seen({LAST_NAMES[c] for c in contacts}, web=True)),
        ]
    return rows


def own_organization(found: Callable[[str], set[str]]) -> Expect:
    """PRG-7: a portal list of the partner user's own organization; none for
    internal users (404)."""

    def expect(world: World, actor: str) -> set[str] | None:
        org = organization_of(actor)
        return found(org) if org is not None else None

    return expect


def portal_contacts(world: World) -> list[Listed]:
    page = reverse("portal:contact_list")
    return [
        Listed(
            "/api/v1/portal/contacts",
            json_items(),
            own_organization(lambda org: contact_ids(world, CONTACTS[org])),
        ),
        Listed(
            page,
            html_rows(r"/portal/contacts/(\d+)/favorite/"),
            own_organization(lambda org: contact_ids(world, CONTACTS[org])),
        ),
        *exports(
            page, "Last name", own_organization(lambda org: {LAST_NAMES[c] for c in CONTACTS[org]})
        ),
    ]


def portal_users(world: World) -> list[Listed]:
    """PRG-2: the organization's portal users (its administrator and its
    representative)."""
    page = reverse("portal:user_list")
    users = {org: (f"{org}_admin", f"{org}_rep") for org in PARTNERS}
    usernames = lambda org: {world.users[u].username for u in users[org]}  # noqa: E731
    return [
        Listed(
            "/api/v1/portal/users",
            json_items(),
            own_organization(lambda org: contact_ids(world, users[org])),
        ),
        Listed(
            page,
            texts_shown(world.users[u].username for found in users.values() for u in found),
            own_organization(usernames),
        ),
        *exports(page, "User name", own_organization(usernames)),
    ]


LISTS: dict[str, ListsOf] = {
    "partners.partners": partners,
    "partners.partner_contacts": partner_contacts,
    "partners.portal_contacts": portal_contacts,
    "partners.portal_users": portal_users,
}
