"""PLAT-1/2, PRG-7, IMP-3: the permission matrix over every route of the
platform (home, settings, exports), identity, imports, partners and the
portal — HTML and /api/v1 — x the actors that matter: nobody signed in, a
salesperson with no privilege of these apps, the sales administrator, the
administrator, the channel account manager, and the users of two partner
organizations (Northwind, Contoso).

Each route states who gets its answer (`allowed`) and who sees its record
at all (`sees`, everyone else gets 404); the rest follows from what the page
declares: a signed-out visitor is sent to sign in (the API answers 401), a
partner user asking for a page outside the portal gets 404 (PRG-7), and no
answer to a partner user names the other organization or its people. A
refused write leaves the tables unchanged.
"""

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import pytest
from django.urls import reverse

from openprm.contacts.models import Person
from openprm.core import access
from openprm.core.customfields.models import CustomField
from openprm.core.exporters.models import ExportJob
from openprm.core.lookups.models import LookupType, LookupValue
from openprm.core.options.models import ProfileOption
from openprm.core.testing.matrix import Row, run_matrix
from openprm.core.views.generic import RecordAction
from openprm.customers.models import Account
from openprm.identity.catalog import PARTNER_SALES_REPRESENTATIVE
from openprm.identity.models import AccessToken, Resource, Role, User
from openprm.imports.models import ImportJob
from openprm.partners.models import PartnerContact, PartnerContactFavorite, PartnerProfile
from tests import privileges as p
from tests.access import extra_urls
from tests.access.checks import clients, run_web_matrix, staff_names
from tests.access.routes import Page, operations, pages
from tests.access.world import World, world_fixture
from tests.core.world import LOOKUP, OPTION
from tests.factories import as_actor
from tests.partners.world import PARTNER_ACTORS, PARTNERS

pytestmark = pytest.mark.django_db

world = world_fixture()


@pytest.fixture(autouse=True)
def _media() -> None:
    """The world's files (an export, an upload) stay where it put them."""


INTERNAL = frozenset({"nobody", "salesadmin", "admin", "cam"})
PARTNER_USERS = frozenset({"nw_admin", "nw_rep", "co_admin"})
EVERYONE = INTERNAL | PARTNER_USERS
ACTORS = ("anonymous", *sorted(EVERYONE))
NORTHWIND = frozenset({"nw_admin", "nw_rep"})
SEES_NORTHWIND = (p.MANAGE_PARTNERS, NORTHWIND)
"""Northwind's records: its own users and whoever manages partners."""
TABLES = (
    User, Role, Resource, CustomField, LookupType, LookupValue, ProfileOption,
    ExportJob, ImportJob, PartnerProfile, PartnerContact, PartnerContactFavorite, Account, Person,
)  # fmt: skip

# An API call marks its token used, so tokens are compared on pages only.
PAGE_TABLES = (*TABLES, AccessToken)

Who = frozenset[str] | str | tuple["Who", ...]
"""Actor names, or a privilege (whoever holds it), or a union of these."""
Args = Callable[[World], tuple[Any, ...]]
Body = Callable[[World], Mapping[str, Any]] | Mapping[str, Any] | None


def of(record: str, family: str) -> Args:
    return lambda world: world.ids[record][family]


def const(*values: Any) -> Args:
    return lambda world: values


def version(model: type[Any], record: str, family: str, **fields: Any) -> Body:
    """A body carrying the record's current version (PLAT-6)."""

    def body(world: World) -> Mapping[str, Any]:
        row = model._base_manager.get(pk=world.ids[record][family][-1])
        return {"version": row.version, **fields}

    return body


@dataclass(frozen=True)
class Case:
    """One call of a route: `allowed` get `ok`; others who see the record
    (`sees`, default everyone signed in) get 403, the rest 404."""

    method: str
    args: Args | None = None
    allowed: Who = INTERNAL
    sees: Who = EVERYONE
    ok: int = 200
    body: Body = None
    query: str | Callable[[World], str] = ""


def _holders(world: World, who: Who) -> frozenset[str]:
    if isinstance(who, tuple):
        return frozenset().union(*(_holders(world, part) for part in who))
    if isinstance(who, str):
        return frozenset(a for a in EVERYONE if who in as_actor(world.users[a]).privileges)
    return frozenset(who)


def expected(world: World, case: Case, actor: str) -> int:
    if actor not in _holders(world, case.sees):
        return 404
    if actor not in _holders(world, case.allowed):
        return 403
    return case.ok


NOBODY = of("nobody", "user")
NW = of("nw", "partner")
ROLE: Args = lambda w: (w.users["nobody"].roles.get().pk,)  # noqa: E731
OWNER = frozenset({"nobody"})
"""A record of `nobody`'s own (an export, an import, a token): nobody else sees it."""
SEES_NOBODY = (p.MANAGE_USERS, OWNER)
"""A user record: the user and whoever manages users."""
PAGES: dict[str, list[Case]] = {
    "home": [Case("get", allowed=EVERYONE)],
    # The search box finds for everyone, within what each may see: a partner
    # user searching "co" never reads of Contoso unless it is Contoso's.
    "search": [Case("get", allowed=EVERYONE, query="?q=co")],
    "exports:job_list": [Case("get", allowed=EVERYONE)],
    **{
        f"exports:{name}": [Case("get", of("own", "export_job"), allowed=OWNER, sees=OWNER)]
        for name in ("job_detail", "job_progress", "job_download")
    },
    "core:custom_field_list": [Case("get", allowed=p.MANAGE_CUSTOM_FIELDS)],
    "core:custom_field_create": [Case("get", allowed=p.MANAGE_CUSTOM_FIELDS)],
    "core:custom_field_edit": [
        Case("get", of("own", "custom_field"), allowed=p.MANAGE_CUSTOM_FIELDS)
    ],
    "core:custom_field_delete": [
        Case("post", of("own", "custom_field"), allowed=p.MANAGE_CUSTOM_FIELDS, ok=302)
    ],
    "core:lookup_list": [Case("get", allowed=p.MANAGE_LOOKUPS)],
    "core:lookup_detail": [Case("get", const(LOOKUP), allowed=p.MANAGE_LOOKUPS)],
    "core:lookup_value_add": [
        Case("post", const(LOOKUP), allowed=p.MANAGE_LOOKUPS, ok=422)  # an empty form
    ],
    "core:lookup_value_edit": [
        Case(
            "get",
            lambda w: (LOOKUP, *w.ids["own"]["lookup_value"]),
            allowed=p.MANAGE_LOOKUPS,
        )
    ],
    "core:lookup_value_delete": [
        Case(
            "post",
            lambda w: (LOOKUP, *w.ids["own"]["lookup_value"]),
            allowed=p.MANAGE_LOOKUPS,
            ok=302,
        )
    ],
    "core:option_list": [Case("get", allowed=p.MANAGE_PROFILE_OPTIONS)],
    "core:option_edit": [Case("get", const(OPTION), allowed=p.MANAGE_PROFILE_OPTIONS)],
    "identity:profile": [Case("get", allowed=EVERYONE)],
    "identity:token_create": [Case("post", allowed=EVERYONE)],
    "identity:token_revoke": [
        Case("post", of("nobody", "token"), allowed=OWNER, sees=OWNER, ok=302)
    ],
    "identity:user_list": [Case("get", allowed=p.MANAGE_USERS)],
    "identity:role_list": [Case("get", allowed=p.MANAGE_USERS)],
    "identity:resource_list": [Case("get", allowed=p.MANAGE_USERS)],
    "imports:job_list": [Case("get")],
    "imports:job_new": [Case("get")],
    **{
        f"imports:{name}": [Case("get", of("own", "import_job"), allowed=OWNER, sees=OWNER)]
        for name in ("job_detail", "job_mapping", "job_progress", "job_rejects")
    },
    "partners:partner_list": [Case("get", allowed=INTERNAL)],
    "partners:partner_detail": [
        Case("get", NW, allowed=p.MANAGE_PARTNERS, sees=p.MANAGE_PARTNERS),
        Case(
            "get",
            NW,
            allowed=p.MANAGE_PARTNERS,
            sees=p.MANAGE_PARTNERS,
            query="?tab=contacts",
        ),
    ],
    "partners:contact_favorite": [
        Case(
            "post",
            of("plain", "partner_contact"),
            allowed=p.MANAGE_PARTNERS,
            sees=p.MANAGE_PARTNERS,
            ok=302,
        )
    ],
    "portal:index": [Case("get", allowed=EVERYONE, ok=302)],
    **{
        f"portal:{name}": [Case("get", allowed=PARTNER_USERS, sees=PARTNER_USERS)]
        for name in ("organization", "contact_list", "user_list")
    },
    "portal:contact_favorite": [
        Case("post", of("nw_rep", "partner_contact"), allowed=NORTHWIND, sees=NORTHWIND, ok=302)
    ],
    # Every user of the organization opens the form; only its administrator
    # may save it (the API rows below).
    "portal:user_edit": [
        Case("get", of("nw_rep", "partner_contact"), allowed=NORTHWIND, sees=NORTHWIND)
    ],
}

A = "/api/v1"
OPERATIONS: dict[str, list[Case]] = {
    # Identity
    f"GET {A}/me": [Case("get", allowed=EVERYONE)],
    f"PATCH {A}/me": [
        Case(
            "patch",
            allowed=EVERYONE,
            body=lambda w: {"version": 1, "first_name": "Renamed"},
        )
    ],
    f"GET {A}/users": [Case("get", allowed=p.MANAGE_USERS)],
    f"POST {A}/users": [
        Case(
            "post",
            allowed=p.MANAGE_USERS,
            ok=201,
            body={"username": "matrix-new", "roles": []},
        )
    ],
    **{
        f"{method.upper()} {A}/users/{{user_id}}{suffix}": [
            Case(method, NOBODY, allowed=p.MANAGE_USERS, sees=SEES_NOBODY, ok=ok, body=body)
        ]
        for method, suffix, ok, body in (
            ("get", "", 200, None),
            ("patch", "", 200, version(User, "nobody", "user", first_name="X")),
            ("post", "/deactivate", 200, None),
            ("post", "/activate", 200, None),
            ("post", "/password", 204, {"password": "Correct-Horse-42-matrix"}),
        )
    },
    # Every internal user reads the roles and privileges; a partner user none.
    f"GET {A}/roles": [Case("get", allowed=EVERYONE)],
    f"GET {A}/roles/{{role_id}}": [Case("get", ROLE, sees=INTERNAL)],
    f"PUT {A}/roles/{{role_id}}/privileges": [
        Case(
            "put",
            ROLE,
            allowed=p.MANAGE_USERS,
            sees=INTERNAL,
            body=lambda w: {"version": w.users["nobody"].roles.get().version, "privileges": []},
        )
    ],
    f"GET {A}/privileges": [Case("get", allowed=EVERYONE)],
    f"GET {A}/search": [Case("get", allowed=EVERYONE, query="?q=co")],
    f"GET {A}/tokens": [Case("get", allowed=EVERYONE)],
    f"POST {A}/tokens": [Case("post", allowed=EVERYONE, ok=201, body={"name": "new"})],
    f"DELETE {A}/tokens/{{token_id}}": [
        Case("delete", of("nobody", "token"), allowed=OWNER, sees=OWNER, ok=204)
    ],
    f"GET {A}/resources": [Case("get", allowed=EVERYONE)],
    f"POST {A}/resources": [
        Case("post", allowed=p.MANAGE_USERS, ok=201, body={"name": "Matrix resource"})
    ],
    f"PATCH {A}/resources/{{resource_id}}": [
        Case(
            "patch",
            lambda w: (w.users["view"].resource.pk,),
            allowed=p.MANAGE_USERS,
            sees=INTERNAL,
            body=lambda w: {"version": w.users["view"].resource.version, "title": "Boss"},
        )
    ],
    # Platform
    f"GET {A}/profile-options": [Case("get", allowed=EVERYONE)],
    f"GET {A}/profile-options/{{code}}": [Case("get", const(OPTION), allowed=EVERYONE)],
    f"PATCH {A}/profile-options/{{code}}": [
        Case(
            "patch",
            const(OPTION),
            allowed=p.MANAGE_PROFILE_OPTIONS,
            body=lambda w: {
                "version": ProfileOption.objects.get(code=OPTION).version,
                "value": "No",
            },
        )
    ],
    f"GET {A}/lookups": [Case("get", allowed=EVERYONE)],
    f"POST {A}/lookups": [
        Case("post", allowed=p.MANAGE_LOOKUPS, ok=201, body={"code": "MATRIX", "name": "M"})
    ],
    f"GET {A}/lookups/{{code}}": [Case("get", const(LOOKUP), allowed=EVERYONE)],
    f"POST {A}/lookups/{{code}}/values": [
        Case(
            "post",
            const(LOOKUP),
            allowed=p.MANAGE_LOOKUPS,
            ok=201,
            body={"code": "MATRIX", "meaning": "Matrix"},
        )
    ],
    f"PATCH {A}/lookup-values/{{value_id}}": [
        Case(
            "patch",
            of("own", "lookup_value"),
            allowed=p.MANAGE_LOOKUPS,
            body=version(LookupValue, "own", "lookup_value", meaning="Renamed"),
        )
    ],
    f"DELETE {A}/lookup-values/{{value_id}}": [
        Case("delete", of("own", "lookup_value"), allowed=p.MANAGE_LOOKUPS, ok=204)
    ],
    f"GET {A}/record-types": [Case("get", allowed=EVERYONE)],
    f"GET {A}/custom-fields": [Case("get", allowed=EVERYONE)],
    f"POST {A}/custom-fields": [
        Case(
            "post",
            allowed=p.MANAGE_CUSTOM_FIELDS,
            ok=201,
            body={
                "record_type": "test_widget",
                "name": "matrix_new",
                "label": "New",
                "field_type": "text",
            },
        )
    ],
    f"PATCH {A}/custom-fields/{{field_id}}": [
        Case(
            "patch",
            of("own", "custom_field"),
            allowed=p.MANAGE_CUSTOM_FIELDS,
            body=version(CustomField, "own", "custom_field", label="Renamed"),
        )
    ],
    f"DELETE {A}/custom-fields/{{field_id}}": [
        Case("delete", of("own", "custom_field"), allowed=p.MANAGE_CUSTOM_FIELDS, ok=204)
    ],
    # The history of a record is shown to whoever sees the record (PLAT-5).
    **{
        f"GET {A}/{name}": [
            Case(
                "get",
                allowed=SEES_NORTHWIND,
                sees=SEES_NORTHWIND,
                query=lambda w: f"?object=partners.partnerprofile:{w.ids['nw']['partner'][0]}",
            )
        ]
        for name in ("audit", "events")
    },
    # Imports
    f"GET {A}/import-kinds": [Case("get", allowed=EVERYONE)],
    f"GET {A}/imports": [Case("get", allowed=EVERYONE)],
    # An upload is a multipart form: a JSON body is refused before anything
    # is read, for everyone (the imports tests upload real files).
    f"POST {A}/imports": [Case("post", allowed=EVERYONE, ok=422, body={})],
    **{
        f"{method.upper()} {A}/imports/{{job_id}}{suffix}": [
            Case(method, of("own", "import_job"), allowed=OWNER, sees=OWNER, body=body)
        ]
        for method, suffix, body in (
            ("get", "", None),
            ("post", "/start", {}),
            ("post", "/cancel", None),
            ("get", "/rejects", None),
        )
    },
    # Partners
    f"GET {A}/partners": [Case("get", allowed=EVERYONE)],
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
            Case(method, NW, allowed=allowed, sees=SEES_NORTHWIND, ok=ok, body=body)
        ]
        for method, suffix, allowed, ok, body in (
            ("get", "", SEES_NORTHWIND, 200, None),
            ("patch", "", p.MANAGE_PARTNERS, 200, version(PartnerProfile, "nw", "partner")),
            ("post", "/inactivate", p.MANAGE_PARTNERS, 200, {}),
            ("post", "/activate", p.MANAGE_PARTNERS, 409, {}),  # it is active already
            ("get", "/hierarchy", SEES_NORTHWIND, 200, None),
            ("get", "/contacts", SEES_NORTHWIND, 200, None),
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
    f"GET {A}/partner-contacts/favorites": [Case("get", allowed=EVERYONE)],
    f"GET {A}/partner-contacts/{{contact_id}}": [
        Case("get", of("nw_rep", "partner_contact"), allowed=SEES_NORTHWIND, sees=SEES_NORTHWIND)
    ],
    f"PATCH {A}/partner-contacts/{{contact_id}}": [
        Case(
            "patch",
            of("nw_rep", "partner_contact"),
            allowed=p.MANAGE_PARTNERS,
            sees=SEES_NORTHWIND,
            body=version(PartnerContact, "nw_rep", "partner_contact", portal_user_type="power"),
        )
    ],
    f"POST {A}/partner-contacts/{{contact_id}}/promote-to-resource": [
        Case(
            "post",
            of("plain", "partner_contact"),
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
            of("plain", "partner_contact"),
            allowed=p.MANAGE_PARTNERS,
            sees=SEES_NORTHWIND,
            ok=409,
            body=version(
                PartnerContact, "plain", "partner_contact", username="x", email="x@x.example"
            ),
        )
    ],
    f"DELETE {A}/partner-contacts/{{contact_id}}": [
        Case(
            "delete",
            of("nw_rep", "partner_contact"),
            allowed=p.MANAGE_PARTNERS,
            sees=SEES_NORTHWIND,
            ok=204,
        )
    ],
    f"PUT {A}/partner-contacts/{{contact_id}}/favorite": [
        Case(
            "put",
            of("nw_rep", "partner_contact"),
            allowed=SEES_NORTHWIND,
            sees=SEES_NORTHWIND,
            body={"favorite": True},
        )
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
    # Portal
    **{
        f"GET {A}/portal/{name}": [Case("get", allowed=PARTNER_USERS, sees=PARTNER_USERS)]
        for name in ("me", "organization", "contacts", "users")
    },
    f"PATCH {A}/portal/users/{{contact_id}}": [
        Case(
            "patch",
            of("nw_rep", "partner_contact"),
            allowed=frozenset({"nw_admin"}),
            sees=NORTHWIND,
            body=version(PartnerContact, "nw_rep", "partner_contact", portal_user_type="power"),
        )
    ],
}


def _url(world: World, key: str, case: Case) -> str:
    args = case.args(world) if case.args else ()
    if key.startswith(("GET ", "POST ", "PUT ", "PATCH ", "DELETE ")):
        path = key.split(" ", 1)[1]
        for arg in args:
            path = path.replace(path[path.index("{") : path.index("}") + 1], str(arg), 1)
    else:
        path = reverse(key, args=args)
    return path + (case.query(world) if callable(case.query) else case.query)


def _hidden(actor: str) -> frozenset[str]:
    """What a partner user may never read: the other organization and its
    users (PRG-7)."""
    if actor not in PARTNER_USERS:
        return frozenset()
    return frozenset(
        text
        for org, name in PARTNERS.items()
        if not actor.startswith(org)
        for text in (name, f"{org}-admin", f"{org}-rep")
    )


def _row(world: World, page: Page | None, actor: str, method: str, path: str, answer: int) -> Row:
    """One actor's call: what the page declares comes first (sign-in, the
    portal boundary), then the route's own `answer`."""
    hidden = _hidden(actor)
    if actor == "anonymous":
        status = 401 if page is None else answer if page.public else 302
    elif page is not None and actor in PARTNER_USERS and not page.portal:
        status = 404  # PRG-7: no internal page exists for a partner user
        hidden |= staff_names(world, PARTNER_ACTORS)
    else:
        status = answer
    refused = method != "get" and status >= 400
    return Row(
        actor if page is None else f"{actor}.web",
        method,
        path,
        status,
        unchanged=(TABLES if page is None else PAGE_TABLES) if refused else (),
        hidden=hidden,
    )


def _rows(world: World, table: dict[str, list[Case]], keys: list[str], web: bool) -> list[Row]:
    found = pages()
    rows = []
    for key in keys:
        for case in table[key]:
            path = _url(world, key, case)
            body = case.body(world) if callable(case.body) else case.body
            for actor in ACTORS:
                answer = expected(world, case, actor) if actor != "anonymous" else case.ok
                row = _row(world, found[key] if web else None, actor, case.method, path, answer)
                rows.append(row if web else replace(row, body=body))
    return rows


DECLARED_ACTORS = ("anonymous", "nobody", "view", "owner", "admin", "cam", "nw_admin", "co_admin")


def _call(page: Page) -> tuple[str, int]:
    """How a derived row calls a page, and what it answers whoever may: a
    page that shows on GET is asked so (200); a button, which only takes a
    post, redirects back from an empty one (302); a form shows its errors
    (200)."""
    view_class = getattr(page.view, "view_class", None)
    takes_get = hasattr(view_class, "get") and "get" in view_class.http_method_names
    method = "get" if takes_get else "post"
    button = isinstance(view_class, type) and issubclass(view_class, RecordAction)
    return method, 302 if method == "post" and button else 200


def declared_rows(world: World, page: Page) -> list[Row]:
    """The rows of a page that declares its record and action: the page of
    each world record of that model, and each actor's answer what
    `access.refusal` says of the action — a record it may not see 404, one
    it may not act on 403, else the page (200; a button, which only takes a
    post, redirects: 302; a form sent empty shows its errors: 200)."""
    declared = page.declared()
    assert declared is not None
    model, action = declared
    method, allowed = _call(page)
    rows = []
    for ids in world.records_of(model).values():
        if len(ids) != page.route.count("{"):
            continue
        # A world record its settling removed (CUS-9) is 404 to everyone.
        obj = model._base_manager.filter(pk=ids[-1]).first()
        path = reverse(page.name, args=ids)
        for actor in DECLARED_ACTORS:
            if actor == "anonymous":
                answer = allowed
            elif obj is None:
                answer = 404
            else:
                refusal = access.refusal(as_actor(world.users[actor]), action, obj)
                answer = refusal.status if refusal else allowed
            rows.append(_row(world, page, actor, method, path, answer))
    return rows


def declared_create_rows(world: World, page: Page) -> list[Row]:
    """The rows of a create page (the action "create", no record in its
    URL): every world actor's answer is what `access.can_create` says of the
    model — the page (200; a button's redirect: 302) or 403 — except that a
    partner user gets 404 on an internal page (PRG-7) and a signed-out
    visitor the sign-in page."""
    model = page.creates()
    assert model is not None
    method, allowed = _call(page)
    path = reverse(page.name)
    rows = []
    for name in ("anonymous", *sorted(world.users)):
        answer = allowed
        if name != "anonymous":
            actor = as_actor(world.users[name])
            if actor.is_partner and not page.portal:
                answer = 404
            elif not access.can_create(actor, model):
                answer = 403
        rows.append(_row(world, page, name, method, path, answer))
    return rows


GROUPS = ("home", "exports", "core", "identity", "imports", "partners", "portal")


def _group(key: str) -> str:
    return key.split(":")[0] if ":" in key else "home"


@pytest.mark.parametrize("group", GROUPS)
def test_plat_2_prg_7_page_matrix(world: World, group: str) -> None:
    """PLAT-2/PRG-7: every page of one app x actors."""
    keys = [k for k in PAGES if _group(k) == group]
    run_web_matrix(clients(world), _rows(world, PAGES, keys, web=True))


@pytest.mark.parametrize("tag", ["identity", "platform", "imports", "partners", "portal"])
def test_plat_2_prg_7_api_matrix(world: World, tag: str) -> None:
    """PLAT-2/PRG-7: every API operation of one app x actors."""
    keys = [k for k, op in operations().items() if tag in op.get("tags", ()) and k in OPERATIONS]
    run_matrix(clients(world), _rows(world, OPERATIONS, keys, web=False))


def test_plat_2_declared_pages_answer_as_their_access_policy_says(world: World) -> None:
    """PLAT-2/PRG-7: every page whose view declares its record and action
    (the generic views), for every world record of that model x actors; a
    model the world holds no record of is named (its app's world builder
    must add one)."""
    rows = {name: declared_rows(world, page) for name, page in pages().items() if page.declared()}
    assert not [name for name, found in rows.items() if not found], "no world record to ask for"
    run_web_matrix(clients(world), [row for found in rows.values() for row in found])


def test_plat_2_a_declared_page_is_checked_against_its_policy(world: World, settings: Any) -> None:
    """The rows derived for a page declaring Account and `change` (a
    throwaway page, tests/access/extra_urls.py) are the policy's answers:
    the owner may change its account, a View Only member sees it but may
    not (403), a stranger to it gets 404, a partner user 404 on any
    internal page, a signed-out visitor the sign-in page."""
    settings.ROOT_URLCONF = extra_urls.__name__
    rows = declared_rows(world, pages()[extra_urls.DECLARED])
    own = reverse(extra_urls.DECLARED, args=world.ids["own"]["account"])
    answers = {row.actor: row.expected for row in rows if row.path == own}
    assert answers == {
        "anonymous.web": 302,
        "nobody.web": 404,
        "view.web": 403,
        "owner.web": 200,
        "admin.web": 200,
        "cam.web": 404,
        "nw_admin.web": 404,
        "co_admin.web": 404,
    }
    assert len(rows) == len(DECLARED_ACTORS) * len(world.records_of(Account))
    run_web_matrix(clients(world), rows)


def test_plat_2_create_pages_answer_as_their_create_rule_says(world: World) -> None:
    """PLAT-2/PRG-7: every create page (a view declaring its model and the
    action "create", no record in its URL) x every world actor: the form
    to whoever the model's create rule allows, 403 to the others, 404 to a
    partner user on an internal page."""
    rows = [
        row
        for page in pages().values()
        if page.creates() is not None
        for row in declared_create_rows(world, page)
    ]
    assert rows, "no create page found"
    run_web_matrix(clients(world), rows)


def test_plat_2_ter_1_a_create_page_is_checked_against_its_create_rule(world: World) -> None:
    """The rows derived for the territory create page are the create rule's
    answers (TER-1: creating a territory needs Manage Territories): the
    sales administrator and the administrator get the form, a salesperson
    and the channel manager 403, partner users (of an organization or of
    none) 404, a signed-out visitor the sign-in page."""
    rows = declared_create_rows(world, pages()["territories:territory_create"])
    answers = {row.actor: row.expected for row in rows}
    assert {name: answers[f"{name}.web"] for name in ("anonymous", *DECLARED_ACTORS[1:])} == {
        "anonymous": 302,
        "nobody": 403,
        "view": 403,
        "owner": 403,
        "admin": 200,
        "cam": 403,
        "nw_admin": 404,
        "co_admin": 404,
    }
    assert (answers["salesadmin.web"], answers["partner.web"]) == (200, 404)
    run_web_matrix(clients(world), rows)


def test_plat_2_no_page_declares_an_action_its_policy_does_not_answer() -> None:
    """A page's declared action is a rule of its record's policy — or, for a
    create page, of its model's — so `can()`/`can_create()` answer its
    buttons and the matrix derives its rows; a new page is held to it too."""
    found = {
        name: (declared[0].__name__, declared[1])
        for name, page in pages().items()
        if (declared := page.declaration()) is not None and not access.has_rule(*declared)
    }
    assert found == {}
