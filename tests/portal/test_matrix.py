"""PRG-7 permission matrix over every partner and portal route, with two
partners (Northwind, Contoso) and their users: another organization's
record is 404 by any URL, API call, filter or export; refused writes leave
the tables unchanged."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from openprm.contacts.models import Person
from openprm.core.testing.matrix import (
    Row,
    background_export,
    csv_column,
    run_matrix,
    xlsx_column,
)
from openprm.identity import catalog
from openprm.identity.models import User
from openprm.partners.models import PartnerContact, PartnerContactFavorite, PartnerProfile
from openprm.partners.services import partner_contact_create
from tests.factories import as_actor
from tests.partners.conftest import role_id

pytestmark = pytest.mark.django_db

WRITES = (PartnerProfile, PartnerContact, PartnerContactFavorite, User, Person)


@pytest.fixture
def world(
    two_partners: dict[str, Any],
    channel_manager: User,
    salesperson: User,
    api_client_for: Callable[[User], Client],
    client_for: Callable[[User], Client],
) -> dict[str, Any]:
    plain = partner_contact_create(
        actor=as_actor(channel_manager),
        partner=two_partners["nw"],
        data={"last_name": "Plain"},
        confirm_duplicates=True,
    )
    actors = {
        "cam": channel_manager,
        "sales": salesperson,
        "nw_admin": two_partners["nw_admin"].user,
        "nw_rep": two_partners["nw_rep"].user,
        "co_admin": two_partners["co_admin"].user,
        "co_rep": two_partners["co_rep"].user,
    }
    clients: dict[str, Client] = {"anonymous": Client()}
    for name, user in actors.items():
        clients[name] = api_client_for(user)
        clients[f"{name}.web"] = client_for(user)
    return {**two_partners, "plain": plain, "clients": clients}


def _api_rows(w: dict[str, Any]) -> list[Row]:
    nw, co = w["nw"].pk, w["co"].pk
    nw_account, co_account = w["nw"].account_id, w["co"].account_id
    rep, co_rep, plain = w["nw_rep"].pk, w["co_rep"].pk, w["plain"].pk
    api = "/api/v1"
    version = {"version": 1}
    rows = [
        Row("cam", "get", f"{api}/partners", 200),
        Row("nw_rep", "get", f"{api}/partners", 200),
        Row(
            "cam",
            "post",
            f"{api}/partners",
            201,
            {"name": "New", "primary_contact": {"last_name": "B"}},
        ),
        Row(
            "sales",
            "post",
            f"{api}/partners",
            403,
            {"name": "New", "primary_contact": {"last_name": "B"}},
            WRITES,
        ),
        Row(
            "nw_admin",
            "post",
            f"{api}/partners",
            403,
            {"name": "New", "primary_contact": {"last_name": "B"}},
            WRITES,
        ),
        Row("cam", "get", f"{api}/partners/{co}", 200),
        Row("co_admin", "get", f"{api}/partners/{co}", 200),
        Row("nw_admin", "get", f"{api}/partners/{co}", 404),
        Row("nw_rep", "get", f"{api}/partners/{co}", 404),
        Row("sales", "get", f"{api}/partners/{co}", 404),
        Row("cam", "patch", f"{api}/partners/{nw}", 200, {**version, "city": "Oslo"}),
        Row("nw_admin", "patch", f"{api}/partners/{nw}", 403, {**version, "city": "X"}, WRITES),
        Row("co_admin", "patch", f"{api}/partners/{nw}", 404, {**version, "city": "X"}, WRITES),
        Row("sales", "patch", f"{api}/partners/{nw}", 404, {**version, "city": "X"}, WRITES),
        Row("cam", "post", f"{api}/partners/{nw}/inactivate", 200, {}),
        Row("nw_admin", "post", f"{api}/partners/{nw}/inactivate", 403, {}, WRITES),
        Row("co_admin", "post", f"{api}/partners/{nw}/inactivate", 404, {}, WRITES),
        Row("co_admin", "post", f"{api}/partners/{nw}/activate", 404, {}, WRITES),
        Row("cam", "get", f"{api}/partners/{nw}/hierarchy", 200),
        Row("co_rep", "get", f"{api}/partners/{nw}/hierarchy", 404),
        Row("nw_rep", "get", f"{api}/partners/{nw}/contacts", 200),
        Row("nw_rep", "get", f"{api}/partners/{co}/contacts", 404),
        Row("cam", "post", f"{api}/partners/{nw}/contacts", 201, {"last_name": "New"}),
        Row("nw_admin", "post", f"{api}/partners/{nw}/contacts", 403, {"last_name": "N"}, WRITES),
        Row("co_admin", "post", f"{api}/partners/{nw}/contacts", 404, {"last_name": "N"}, WRITES),
        Row(
            "co_admin",
            "post",
            f"{api}/partners/{nw}/contacts/existing",
            404,
            {"person_id": 1},
            WRITES,
        ),
        Row("nw_admin", "get", f"{api}/partner-contacts/{rep}", 200),
        Row("co_admin", "get", f"{api}/partner-contacts/{rep}", 404),
        Row("nw_admin", "get", f"{api}/partner-contacts/{co_rep}", 404),
        Row(
            "cam",
            "patch",
            f"{api}/partner-contacts/{rep}",
            200,
            {"version": w["nw_rep"].version, "portal_user_type": "power"},
        ),
        Row(
            "nw_admin",
            "patch",
            f"{api}/partner-contacts/{rep}",
            403,
            {**version, "is_primary": True},
            WRITES,
        ),
        Row(
            "co_admin",
            "patch",
            f"{api}/partner-contacts/{rep}",
            404,
            {**version, "is_primary": True},
            WRITES,
        ),
        Row(
            "cam",
            "post",
            f"{api}/partner-contacts/{plain}/promote-to-resource",
            200,
            {**version, "role_id": role_id(catalog.PARTNER_SALES_REPRESENTATIVE)},
        ),
        Row(
            "nw_admin",
            "post",
            f"{api}/partner-contacts/{plain}/promote-to-resource",
            403,
            {**version, "role_id": role_id(catalog.PARTNER_SALES_REPRESENTATIVE)},
            WRITES,
        ),
        Row(
            "co_admin",
            "post",
            f"{api}/partner-contacts/{plain}/promote-to-resource",
            404,
            {**version, "role_id": role_id(catalog.PARTNER_SALES_REPRESENTATIVE)},
            WRITES,
        ),
        Row(
            "co_admin",
            "post",
            f"{api}/partner-contacts/{plain}/promote-to-user",
            404,
            {**version, "username": "x", "email": "x@x.example"},
            WRITES,
        ),
        Row(
            "nw_admin",
            "post",
            f"{api}/partner-contacts/{plain}/promote-to-user",
            403,
            {**version, "username": "x", "email": "x@x.example"},
            WRITES,
        ),
        Row("cam", "delete", f"{api}/partner-contacts/{rep}", 204),
        Row("nw_admin", "delete", f"{api}/partner-contacts/{rep}", 403, None, WRITES),
        Row("co_admin", "delete", f"{api}/partner-contacts/{rep}", 404, None, WRITES),
        Row("nw_admin", "put", f"{api}/partner-contacts/{rep}/favorite", 200, {"favorite": True}),
        Row(
            "co_admin",
            "put",
            f"{api}/partner-contacts/{rep}/favorite",
            404,
            {"favorite": True},
            WRITES,
        ),
        Row("nw_rep", "get", f"{api}/partner-contacts/favorites", 200),
        Row(
            "cam",
            "put",
            f"{api}/accounts/{nw_account}/managed-partner",
            200,
            {"managed_partner": True},
        ),
        Row(
            "co_admin",
            "put",
            f"{api}/accounts/{nw_account}/managed-partner",
            404,
            {"managed_partner": False},
            WRITES,
        ),
        Row(
            "nw_admin",
            "put",
            f"{api}/accounts/{nw_account}/managed-partner",
            403,
            {"managed_partner": False},
            WRITES,
        ),
        Row("nw_admin", "get", f"{api}/accounts/{nw_account}", 200),
        Row("nw_admin", "get", f"{api}/accounts/{co_account}", 404),
        Row("nw_rep", "get", f"{api}/portal/me", 200),
        Row("cam", "get", f"{api}/portal/me", 404),
        Row("nw_rep", "get", f"{api}/portal/organization", 200),
        Row("cam", "get", f"{api}/portal/organization", 404),
        Row("nw_rep", "get", f"{api}/portal/contacts", 200),
        Row("cam", "get", f"{api}/portal/contacts", 404),
        Row("nw_rep", "get", f"{api}/portal/users", 200),
        Row("cam", "get", f"{api}/portal/users", 404),
        Row(
            "nw_admin",
            "patch",
            f"{api}/portal/users/{rep}",
            200,
            {"version": w["nw_rep"].version, "portal_user_type": "power"},
        ),
        Row(
            "nw_rep",
            "patch",
            f"{api}/portal/users/{rep}",
            403,
            {**version, "portal_user_type": "power"},
            WRITES,
        ),
        Row(
            "nw_admin",
            "patch",
            f"{api}/portal/users/{co_rep}",
            404,
            {**version, "is_active": False},
            WRITES,
        ),
        Row(
            "co_admin",
            "patch",
            f"{api}/portal/users/{rep}",
            404,
            {**version, "is_active": False},
            WRITES,
        ),
        Row(
            "cam",
            "patch",
            f"{api}/portal/users/{rep}",
            404,
            {**version, "is_active": False},
            WRITES,
        ),
    ]
    return rows


def _web_rows(w: dict[str, Any]) -> list[Row]:
    nw, co = w["nw"].pk, w["co"].pk
    rep, co_rep, plain = w["nw_rep"].pk, w["co_rep"].pk, w["plain"].pk
    rows = [
        Row("anonymous", "get", "/partners/", 302),
        Row("anonymous", "get", "/portal/organization/", 302),
        Row("cam.web", "get", "/partners/", 200),
        Row("cam.web", "get", "/partners/?export=csv", 200),
        Row("cam.web", "get", "/partners/?export=xlsx", 200),
        Row("cam.web", "get", "/partners/new/", 200),
        Row("sales.web", "get", f"/partners/{nw}/", 404),
        Row("nw_admin.web", "get", "/partners/", 404),
        Row("nw_admin.web", "get", "/partners/?export=csv", 404),
        Row("nw_admin.web", "get", f"/partners/{nw}/", 404),
        Row("nw_admin.web", "get", f"/partners/{co}/", 404),
        Row("nw_admin.web", "post", f"/partners/{nw}/inactivate/", 404, None, WRITES),
        Row("nw_admin.web", "post", f"/partners/contacts/{rep}/delete/", 404, None, WRITES),
        Row("nw_admin.web", "get", f"/partners/contacts/{plain}/resource/", 404),
        Row("sales.web", "post", f"/partners/{nw}/inactivate/", 404, None, WRITES),
        # PC-1: the create form is for whoever may create a partner.
        Row("sales.web", "get", "/partners/new/", 403),
    ]
    for tab in ("details", "contacts", "hierarchy", "history"):
        rows.append(Row("cam.web", "get", f"/partners/{nw}/?tab={tab}", 200))
    for fmt in ("csv", "xlsx"):
        export = f"/partners/{nw}/?tab=contacts&export={fmt}"
        rows += [
            Row("cam.web", "get", export, 200),
            Row("sales.web", "get", export, 404),
            Row("nw_admin.web", "get", export, 404),
        ]
    for path in ("resource", "user", "role", "delete"):
        rows.append(Row("cam.web", "get", f"/partners/contacts/{plain}/{path}/", 200))
    for path in (
        "/portal/organization/",
        "/portal/contacts/",
        "/portal/contacts/?export=csv",
        "/portal/contacts/?export=xlsx",
        "/portal/users/",
        "/portal/users/?export=csv",
        "/portal/users/?export=xlsx",
    ):
        rows.append(Row("nw_rep.web", "get", path, 200))
        rows.append(Row("cam.web", "get", path, 404))
    rows += [
        Row("nw_admin.web", "get", f"/portal/users/{rep}/", 200),
        Row("nw_admin.web", "get", f"/portal/users/{co_rep}/", 404),
        Row("co_admin.web", "post", f"/portal/contacts/{rep}/favorite/", 404, None, WRITES),
        Row("cam.web", "get", f"/partners/accounts/{w['nw'].account_id}/managed/", 200),
        Row("co_admin.web", "get", f"/partners/accounts/{w['nw'].account_id}/managed/", 404),
    ]
    return rows


def test_prg_7_permission_matrix(world: dict[str, Any]) -> None:
    """PRG-7: permission matrix."""
    run_matrix(world["clients"], _api_rows(world) + _web_rows(world))


def test_prg_7_lists_and_exports_show_own_organization_only(world: dict[str, Any]) -> None:
    """PRG-7: lists and exports show own organization only."""
    clients = world["clients"]
    listed = clients["nw_rep"].get("/api/v1/partners?q=contoso").json()
    assert listed["count"] == 0
    names = {p["name"] for p in clients["nw_rep"].get("/api/v1/partners").json()["items"]}
    assert names == {"Northwind"}
    contacts = clients["nw_rep"].get("/api/v1/portal/contacts").json()["items"]
    assert {c["partner_name"] for c in contacts} == {"Northwind"}
    page = clients["nw_rep.web"].get("/portal/organization/")
    assert b"Northwind" in page.content
    assert b"Contoso" not in page.content
    accounts = clients["nw_rep"].get("/api/v1/accounts").json()["items"]
    assert [a["name"] for a in accounts] == ["Northwind"]
    export = clients["cam.web"].get("/partners/?export=csv")
    body = b"".join(export.streaming_content)
    assert b"Northwind" in body
    assert b"Contoso" in body


def test_prg_7_imp_3_portal_exports_hold_own_organization_only(world: dict[str, Any]) -> None:
    """PRG-7, IMP-3: a partner user's contact and user exports (CSV and
    Excel) hold exactly the rows of its own organization's lists."""
    web = world["clients"]["nw_rep.web"]
    contacts = csv_column("Last name")(web.get("/portal/contacts/?export=csv"))
    assert contacts.keys == {"Northwind Admin", "Person", "Plain"}
    assert xlsx_column("Last name")(web.get("/portal/contacts/?export=xlsx")) == contacts
    found = csv_column("Last name")(web.get("/portal/contacts/?q=pl&export=csv"))
    assert found.keys == {"Plain"}
    users = csv_column("User name")(web.get("/portal/users/?export=csv"))
    assert users.keys == {"nw-admin", "nw-rep"}
    assert xlsx_column("User name")(web.get("/portal/users/?export=xlsx")) == users
    other = csv_column("User name")(world["clients"]["co_rep.web"].get("/portal/users/?export=csv"))
    assert other.keys == {"co-admin", "co-rep"}


def test_prg_7_imp_3_portal_background_export_holds_own_organization_only(
    world: dict[str, Any], settings: Any, django_capture_on_commit_callbacks: Any
) -> None:
    """PRG-7, IMP-3: a partner user's large Excel export runs as a job shown
    in the portal layout; its file holds its own organization's contacts,
    and no other user, of another partner or the brand, can open it."""
    settings.EXPORT_INLINE_ROWS = 0
    clients = world["clients"]
    web = clients["nw_rep.web"]
    fetch = background_export(django_capture_on_commit_callbacks)
    contacts = xlsx_column("Last name")(fetch(web, "/portal/contacts/?export=xlsx"))
    assert contacts.keys == {"Northwind Admin", "Person", "Plain"}
    with django_capture_on_commit_callbacks(execute=True):
        started = web.get("/portal/users/?export=xlsx")
    page = web.get(started.url).content.decode()
    assert 'class="portal"' in page
    assert "Download the Excel file" in page
    for other in ("co_rep.web", "nw_admin.web", "cam.web"):
        assert clients[other].get(f"{started.url}download/").status_code == 404


def test_pc_1_imp_3_partner_contacts_export_holds_that_partners_contacts(
    world: dict[str, Any],
) -> None:
    """PC-1, IMP-3: a partner's Contacts tab exports exactly its contacts."""
    web = world["clients"]["cam.web"]
    path = f"/partners/{world['nw'].pk}/?tab=contacts&export="
    names = csv_column("Last name")(web.get(path + "csv"))
    assert names.keys == {"Northwind Admin", "Person", "Plain"}
    assert xlsx_column("Last name")(web.get(path + "xlsx")) == names
    users = csv_column("Portal user")(web.get(path + "csv"))
    assert users.keys == {"nw-admin", "nw-rep", ""}
