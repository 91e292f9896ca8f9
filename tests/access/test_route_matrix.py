"""TEAM-1..TEAM-5, TER-1..TER-4, CUS-9: the permission matrix over EVERY route
of customers, contacts, teams and territories (HTML and /api/v1) x nine
actors x three records (own, another's, soft-deleted).

Expected answers come from a plain-Python reference of the rules over the
world's facts (tests/access/world.py), never from recorded outcomes:
a record the actor may not see is 404 (never 403, never 200) even when the
privilege is missing too, a visible record without the privilege or the
access level is 403, and every refused write
leaves the tables unchanged (run_matrix checks it in a rolled-back
savepoint). Every route must have rows: a new route fails the coverage test
(test_coverage.py) until it is added here, unless it is a create page, whose
rows the platform matrix derives from its model's create rule.
"""

import string
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

from openprm.config.api import api
from openprm.contacts import services as contact_services
from openprm.contacts.models import (
    ContactPoint,
    ContactPreference,
    Favorite,
    Household,
    HouseholdMembership,
    Person,
    Relationship,
    SavedSearch,
)
from openprm.core.testing.matrix import Row, run_matrix
from openprm.customers.models import Account, BillingAccount, LegalEntity, Note
from openprm.teams.models import AccessLevel, AccountTeamMember
from openprm.territories.models import (
    AccountTerritory,
    RealignmentRun,
    Territory,
    TerritoryCriterion,
    TerritoryMember,
)
from tests import privileges as p
from tests.access.checks import clients, run_web_matrix, staff_names
from tests.access.reference import (
    account_level,
    edits_contact_of,
    hidden_names,
    may_edit,
    privileges,
    sees_contact_of,
    visible,
)
from tests.access.world import ACTORS, RECORDS, World
from tests.customers.world import account_name
from tests.factories import as_actor

pytestmark = pytest.mark.django_db

APPS = ("customers", "contacts", "teams", "territories")
TABLES = (
    Account, Note, BillingAccount, LegalEntity, Person, ContactPoint, ContactPreference,
    Relationship, Favorite, SavedSearch, Household, HouseholdMembership, AccountTeamMember,
    Territory, TerritoryCriterion, TerritoryMember, AccountTerritory, RealignmentRun,
)  # fmt: skip
VERSIONED = {
    "account": Account, "contact": Person, "point": ContactPoint, "preference": ContactPreference,
    "relationship": Relationship, "household": Household, "search": SavedSearch,
    "billing": BillingAccount, "legal": LegalEntity, "territory": Territory,
    "member": AccountTeamMember,
}  # fmt: skip
Body = Callable[[World, str, int], Mapping[str, Any]] | Mapping[str, Any] | None


@dataclass(frozen=True)
class Route:
    """One route: `path` is an /api/v1 template or a URL name."""

    method: str
    path: str
    family: str | None = None
    need: str = "see"  # "see", "edit" or "full" on the family's record
    privilege: str | None = None
    ok: int = 200
    body: Body = None
    partner: int | None = None  # collection routes only: a partner user's answer
    records: tuple[str, ...] = RECORDS
    schema_first: bool = False  # a body every actor gets wrong is refused before any read

    def expected(self, actor: str, record: str) -> int:
        """Visibility first: a record the actor may not see is 404 whatever
        else is missing (it must look like a missing one); then a missing
        privilege is 403 (PLAT-2); then 403 for a visible record the actor
        may not change."""
        if self.schema_first:
            return self.ok
        if self.family is not None and not visible(actor, self.family, record):
            return 404
        if self.privilege and self.privilege not in privileges(actor):
            return 403
        if self.family is None:
            return self.partner if actor == "partner" and self.partner else self.ok
        if self.need == "edit" and not may_edit(actor, self.family, record):
            return 403
        if self.need == "full" and account_level(actor, record) != AccessLevel.FULL:
            return 403
        return self.ok


def api_route(
    method: str, path: str, family: str | None = None, **kwargs: Any
) -> tuple[str, Route]:
    return f"{method.upper()} /api/v1{path}", Route(method, f"/api/v1{path}", family, **kwargs)


def web_route(name: str, method: str, family: str | None = None, **kwargs: Any) -> Route:
    return Route(method, name, family, **kwargs)


V = "version"
T = "/territories/{territory_id}"
A = "/accounts/{account_id}"
API = dict(
    [
        api_route("get", "/accounts"),
        api_route("post", "/accounts", ok=201, partner=403, body={"name": "Quokka Matrix"}),
        api_route("get", "/accounts/deleted", privilege=p.RESTORE_SALES_PARTY),
        api_route("get", A, "account"),
        api_route("patch", A, "account", need="edit", body=lambda w, r, v: {V: v, "name": "Ren"}),
        api_route("delete", A, "account", privilege=p.DELETE_SALES_PARTY, ok=204),
        api_route("post", f"{A}/restore", "deleted_account", privilege=p.RESTORE_SALES_PARTY),
        api_route(
            "post", f"{A}/convert", "account", need="edit", ok=409, body=lambda w, r, v: {V: v}
        ),
        api_route("get", f"{A}/hierarchy", "account"),
        api_route("get", f"{A}/notes", "account"),
        api_route("post", f"{A}/notes", "account", ok=201, body={"text": "hi"}),
        api_route("get", "/legal-entities"),
        api_route("post", "/legal-entities", ok=201, partner=403, body={"name": "Le"}),
        api_route("get", "/legal-entities/{entity_id}", "legal", records=("own",)),
        api_route(
            "patch",
            "/legal-entities/{entity_id}",
            "legal",
            records=("own",),
            body=lambda w, r, v: {V: v, "name": "Le2"},
        ),
        api_route("get", "/billing-accounts"),
        api_route(
            "post",
            "/billing-accounts",
            "account",
            need="edit",
            ok=201,
            body=lambda w, r, v: {
                "account_id": w.ids[r]["account"][0],
                "number": "N-1",
                "name": "N",
            },
        ),
        api_route("get", "/billing-accounts/{billing_id}", "billing"),
        api_route(
            "patch",
            "/billing-accounts/{billing_id}",
            "billing",
            need="edit",
            body=lambda w, r, v: {V: v, "name": "B2"},
        ),
        api_route("get", "/contacts?q=matrixson"),
        api_route("post", "/contacts", ok=201, partner=403, body={"last_name": "Quokka"}),
        api_route("get", "/contacts/{contact_id}", "contact"),
        api_route(
            "patch",
            "/contacts/{contact_id}",
            "contact",
            need="edit",
            body=lambda w, r, v: {V: v, "job_title": "CEO"},
        ),
        api_route(
            "delete",
            "/contacts/{contact_id}",
            "contact",
            need="edit",
            privilege=p.DELETE_SALES_PARTY_CONTACT,
            ok=204,
        ),
        api_route("put", "/contacts/{contact_id}/favorite", "contact", body={}),
        api_route("delete", "/contacts/{contact_id}/favorite", "contact"),
        api_route("get", "/contacts/{contact_id}/picture", "contact", ok=404),
        api_route("post", "/contacts/{contact_id}/picture", "contact", ok=422, schema_first=True),
        api_route("delete", "/contacts/{contact_id}/picture", "contact", need="edit"),
        api_route("get", "/contacts/{contact_id}/contact-points", "contact"),
        api_route(
            "post",
            "/contacts/{contact_id}/contact-points",
            "contact",
            need="edit",
            ok=201,
            body={"kind": "email", "email": "new@matrix.example"},
        ),
        api_route("get", "/contact-points/{point_id}", "point"),
        api_route(
            "patch",
            "/contact-points/{point_id}",
            "point",
            need="edit",
            body=lambda w, r, v: {V: v, "purpose": "home"},
        ),
        api_route("delete", "/contact-points/{point_id}", "point", need="edit", ok=204),
        api_route("get", "/contact-points/{point_id}/preferences", "point"),
        api_route(
            "post",
            "/contact-points/{point_id}/preferences",
            "point",
            need="edit",
            ok=201,
            body={"preference": "do", "reason_code": "BOUNCED"},
        ),
        api_route(
            "patch",
            "/preferences/{preference_id}",
            "preference",
            need="edit",
            body=lambda w, r, v: {V: v, "reason_code": "BOUNCED"},
        ),
        api_route("delete", "/preferences/{preference_id}", "preference", need="edit", ok=204),
        api_route("get", "/contacts/{contact_id}/relationships", "contact"),
        api_route(
            "post", "/contacts/{contact_id}/relationships", "contact", need="edit", ok=422, body={}
        ),
        api_route(
            "patch",
            "/relationships/{relationship_id}",
            "relationship",
            need="edit",
            body=lambda w, r, v: {V: v, "job_title": "CTO"},
        ),
        api_route(
            "delete", "/relationships/{relationship_id}", "relationship", need="edit", ok=204
        ),
        api_route(
            "put",
            "/relationships/{relationship_id}/primary-points",
            "relationship",
            need="edit",
            body=lambda w, r, v: {"contact_point_id": w.ids[r]["point"][0]},
        ),
        api_route("get", f"{A}/contacts", "account"),
        api_route("put", f"{A}/primary-contact", "account", need="edit", body={"person_id": None}),
        api_route("get", "/saved-searches"),
        api_route(
            "post", "/saved-searches", ok=201, partner=403, body={"name": "New", "criteria": {}}
        ),
        api_route("get", "/saved-searches/{search_id}", "search"),
        api_route(
            "patch",
            "/saved-searches/{search_id}",
            "search",
            need="edit",
            body=lambda w, r, v: {V: v, "name": "Renamed"},
        ),
        api_route("delete", "/saved-searches/{search_id}", "search", need="edit", ok=204),
        api_route("get", "/households"),
        api_route("post", "/households", ok=201, partner=403, body={"name": "Home"}),
        api_route("get", "/households/{household_id}", "household"),
        api_route(
            "patch",
            "/households/{household_id}",
            "household",
            body=lambda w, r, v: {V: v, "name": "Casa"},
        ),
        api_route("delete", "/households/{household_id}", "household", ok=204),
        api_route(
            "post",
            "/households/{household_id}/members",
            "household",
            ok=409,
            body=lambda w, r, v: {"person_id": w.ids[r]["contact"][0]},
        ),
        api_route("delete", "/household-members/{membership_id}", "membership", ok=204),
        api_route("get", f"{A}/team", "account"),
        api_route(
            "post",
            f"{A}/team",
            "account",
            need="full",
            ok=201,
            body=lambda w, r, v: {"user_id": w.users["nobody"].pk},
        ),
        api_route(
            "patch",
            f"{A}/team/{{member_id}}",
            "member",
            need="full",
            body=lambda w, r, v: {V: v, "locked": True},
        ),
        api_route("delete", f"{A}/team/{{member_id}}", "member", need="full", ok=204),
        api_route("get", "/territories"),
        api_route(
            "post",
            "/territories",
            privilege=p.MANAGE_TERRITORIES,
            ok=201,
            body={"name": "Matrix New"},
        ),
        api_route("get", T, "territory", records=("own",)),
        api_route(
            "patch",
            T,
            "territory",
            privilege=p.MANAGE_TERRITORIES,
            records=("own",),
            body=lambda w, r, v: {V: v, "name": "Matrix Chile 2"},
        ),
        api_route(
            "delete",
            T,
            "territory",
            privilege=p.MANAGE_TERRITORIES,
            ok=204,
            records=("own",),
        ),
        api_route("get", f"{T}/criteria", "territory", records=("own",)),
        api_route(
            "post",
            f"{T}/criteria",
            "territory",
            privilege=p.MANAGE_TERRITORIES,
            ok=201,
            records=("own",),
            body={"dimension": "country", "value": "PE"},
        ),
        api_route(
            "delete",
            f"{T}/criteria/{{criterion_id}}",
            "criterion",
            privilege=p.MANAGE_TERRITORIES,
            ok=204,
            records=("own",),
        ),
        api_route("get", f"{T}/members", "territory", records=("own",)),
        api_route(
            "post",
            f"{T}/members",
            "territory",
            privilege=p.MANAGE_TERRITORIES,
            ok=201,
            records=("own",),
            body=lambda w, r, v: {"resource_id": w.extra["spare_resource"]},
        ),
        api_route(
            "delete",
            f"{T}/members/{{member_id}}",
            "t_member",
            privilege=p.MANAGE_TERRITORIES,
            ok=204,
            records=("own",),
        ),
        api_route("get", f"{A}/territories", "account"),
        api_route("post", f"{A}/territories/assign", "account", need="edit"),
        api_route(
            "post",
            f"{A}/territories/partner",
            "account",
            privilege=p.MANAGE_PARTNERS,
            ok=422,
            body=lambda w, r, v: {"territory_ids": [w.ids[r]["territory"][0]]},
        ),
        api_route(
            "post", "/territory-realignments", privilege=p.MANAGE_TERRITORIES, ok=202, body={}
        ),
        api_route("get", "/territory-realignments/{run_id}", "run", records=("own",)),
    ]
)

WEB = {
    "customers:index": [web_route("customers:index", "get", ok=302)],
    "customers:account_list": [web_route("customers:account_list", "get")],
    "customers:account_pick": [web_route("customers:account_pick", "get")],
    "customers:deleted_account_list": [
        web_route("customers:deleted_account_list", "get", privilege=p.RESTORE_SALES_PARTY)
    ],
    "customers:account_detail": [web_route("customers:account_detail", "get", "account")],
    "customers:account_edit": [
        web_route("customers:account_edit", "get", "account", need="edit"),
        web_route("customers:account_edit", "post", "account", need="edit"),
    ],
    "customers:account_delete": [
        web_route("customers:account_delete", "get", "account", privilege=p.DELETE_SALES_PARTY),
        # PLAT-6: a post without the version it was made from shows the form again
        web_route(
            "customers:account_delete", "post", "account", privilege=p.DELETE_SALES_PARTY, ok=200
        ),
    ],
    "customers:account_restore": [
        web_route(
            "customers:account_restore",
            "post",
            "deleted_account",
            privilege=p.RESTORE_SALES_PARTY,
            ok=302,
        )
    ],
    "customers:account_convert": [
        web_route("customers:account_convert", "post", "account", need="edit", ok=302)
    ],
    "customers:note_create": [web_route("customers:note_create", "post", "account", ok=302)],
    "customers:billing_account_create": [
        web_route("customers:billing_account_create", "get", "account"),
        web_route("customers:billing_account_create", "post", "account", need="edit"),
    ],
    "customers:customer_overview": [web_route("customers:customer_overview", "get")],
    "customers:legal_entity_list": [web_route("customers:legal_entity_list", "get")],
    "contacts:contact_list": [web_route("contacts:contact_list", "get")],
    "contacts:contact_pick": [web_route("contacts:contact_pick", "get")],
    "contacts:saved_search_create": [web_route("contacts:saved_search_create", "post", ok=302)],
    "contacts:saved_search_delete": [
        web_route("contacts:saved_search_delete", "post", "search", need="edit", ok=302)
    ],
    "contacts:contact_detail": [web_route("contacts:contact_detail", "get", "contact")],
    "contacts:contact_edit": [
        web_route("contacts:contact_edit", "get", "contact", need="edit"),
        web_route("contacts:contact_edit", "post", "contact", need="edit"),
    ],
    "contacts:contact_delete": [
        web_route(
            "contacts:contact_delete",
            "post",
            "contact",
            need="edit",
            privilege=p.DELETE_SALES_PARTY_CONTACT,
            ok=302,
        )
    ],
    "contacts:contact_favorite": [
        web_route("contacts:contact_favorite", "post", "contact", ok=302)
    ],
    "contacts:contact_picture": [web_route("contacts:contact_picture", "get", "contact", ok=404)],
    "contacts:contact_picture_upload": [
        web_route("contacts:contact_picture_upload", "post", "contact", need="edit", ok=302)
    ],
    "contacts:contact_point_add": [
        web_route("contacts:contact_point_add", "post", "contact", need="edit", ok=302)
    ],
    "contacts:contact_point_primary": [
        web_route("contacts:contact_point_primary", "post", "point", need="edit", ok=302)
    ],
    "contacts:contact_point_delete": [
        web_route("contacts:contact_point_delete", "post", "point", need="edit", ok=302)
    ],
    "contacts:preference_add": [
        web_route("contacts:preference_add", "post", "point", need="edit", ok=302)
    ],
    "contacts:preference_delete": [
        web_route("contacts:preference_delete", "post", "preference", need="edit", ok=302)
    ],
    "contacts:relationship_add": [
        web_route("contacts:relationship_add", "post", "contact", need="edit", ok=302)
    ],
    "contacts:relationship_delete": [
        web_route("contacts:relationship_delete", "post", "relationship", need="edit", ok=302)
    ],
    "contacts:relationship_primary_point": [
        web_route(
            "contacts:relationship_primary_point", "post", "relationship", need="edit", ok=302
        )
    ],
    "contacts:account_contacts": [
        web_route("contacts:account_contacts", "get", "account"),
        web_route("contacts:account_contacts", "post", "account", need="edit", ok=302),
    ],
    "contacts:household_list": [web_route("contacts:household_list", "get")],
    "contacts:household_detail": [
        web_route("contacts:household_detail", "get", "household"),
        web_route("contacts:household_detail", "post", "household"),
    ],
    "contacts:household_delete": [
        web_route("contacts:household_delete", "post", "household", ok=302)
    ],
    "contacts:household_member_remove": [
        web_route("contacts:household_member_remove", "post", "membership", ok=302)
    ],
    "teams:account_team": [web_route("teams:account_team", "get", "account")],
    "teams:member_add": [web_route("teams:member_add", "post", "account", need="full")],
    "teams:member_update": [web_route("teams:member_update", "post", "member", need="full")],
    "teams:member_remove": [
        web_route("teams:member_remove", "post", "member", need="full", ok=302)
    ],
    "teams:resource_picker": [web_route("teams:resource_picker", "get")],
    # A territory's edit form needs Manage Territories (403 without it), as
    # does its create form (a create page: test_platform_matrix derives it).
    "territories:territory_list": [web_route("territories:territory_list", "get")],
    "territories:territory_detail": [
        web_route("territories:territory_detail", "get", "territory", records=("own",))
    ],
    "territories:territory_edit": [
        web_route(
            "territories:territory_edit",
            "get",
            "territory",
            privilege=p.MANAGE_TERRITORIES,
            records=("own",),
        )
    ],
    "territories:territory_delete": [
        web_route(
            "territories:territory_delete",
            "post",
            "territory",
            privilege=p.MANAGE_TERRITORIES,
            ok=302,
            records=("own",),
        )
    ],
    "territories:criterion_add": [
        web_route(
            "territories:criterion_add",
            "post",
            "territory",
            privilege=p.MANAGE_TERRITORIES,
            records=("own",),
        )
    ],
    "territories:criterion_remove": [
        web_route(
            "territories:criterion_remove",
            "post",
            "criterion",
            privilege=p.MANAGE_TERRITORIES,
            ok=302,
            records=("own",),
        )
    ],
    "territories:member_add": [
        web_route(
            "territories:member_add",
            "post",
            "territory",
            privilege=p.MANAGE_TERRITORIES,
            records=("own",),
        )
    ],
    "territories:member_remove": [
        web_route(
            "territories:member_remove",
            "post",
            "t_member",
            privilege=p.MANAGE_TERRITORIES,
            ok=302,
            records=("own",),
        )
    ],
    "territories:account_territories": [
        web_route("territories:account_territories", "get", "account")
    ],
    "territories:account_assign": [
        web_route("territories:account_assign", "post", "account", need="edit", ok=302)
    ],
    "territories:account_add_partner": [
        web_route(
            "territories:account_add_partner",
            "post",
            "account",
            privilege=p.MANAGE_PARTNERS,
            ok=302,
        )
    ],
    "territories:realignment": [web_route("territories:realignment", "get")],
    "territories:realignment_detail": [
        web_route(
            "territories:realignment_detail",
            "get",
            "run",
            records=("own",),
        )
    ],
}


def _url(world: World, route: Route, record: str) -> str:
    ids = world.ids[record][route.family] if route.family else ()
    if route.path.startswith("/api/"):
        fields = [f for _, f, _, _ in string.Formatter().parse(route.path) if f]
        return route.path.format(**dict(zip(fields, ids, strict=False)))
    return reverse(route.path, args=ids)


def _body(world: World, route: Route, record: str) -> Mapping[str, Any] | None:
    if not callable(route.body):
        return route.body
    model = VERSIONED.get(route.family or "")
    ids = world.ids[record][route.family] if route.family else ()
    row = model._base_manager.filter(pk=ids[-1]).first() if model and ids else None
    version = row.version if row else 0
    return route.body(world, record, version)


DELETED_VIEWS = frozenset({"/api/v1/accounts/deleted", "customers:deleted_account_list"})


def _hidden(world: World, route: Route, actor: str) -> frozenset[str]:
    """Names no answer may show the actor; the deleted account's is the
    point of the Deleted Accounts view and of a restore."""
    hidden = hidden_names(world, actor)
    if route.family == "deleted_account" or route.path in DELETED_VIEWS:
        hidden -= {account_name("deleted")}
    return hidden


def _rows(world: World, routes: list[Route], web: bool) -> list[Row]:
    rows = []
    for route in routes:
        for actor in ACTORS:
            for record in route.records if route.family else ("own",):
                expected = route.expected(actor, record)
                hidden = _hidden(world, route, actor)
                if web and actor == "partner":
                    expected = 404  # PRG-7: no internal page exists for a partner user
                    hidden = hidden | staff_names(world, ("partner",))
                refused = route.method != "get" and expected >= 400
                rows.append(
                    Row(
                        f"{actor}.web" if web else actor,
                        route.method,
                        _url(world, route, record),
                        expected,
                        body=None if web else _body(world, route, record),
                        unchanged=TABLES if refused else (),
                        hidden=hidden,
                    )
                )
        # Signed out: the sign-in page, or 401 from the API, before anything is read.
        rows.append(
            Row(
                "anonymous.web" if web else "anonymous",
                route.method,
                _url(world, route, route.records[0]),
                302 if web else 401,
                body=None if web else _body(world, route, route.records[0]),
                unchanged=TABLES if route.method != "get" else (),
                hidden=hidden_names(world, "nobody"),  # "nobody" sees no record
            )
        )
    return rows


@pytest.mark.parametrize("app", APPS)
def test_team_5_api_matrix(world: World, app: str) -> None:
    """TEAM-5/TER-1..4/CUS-9: every API operation of one app x actors x records."""
    tagged = {
        f"{m.upper()} {path}"
        for path, ops in api.get_openapi_schema()["paths"].items()
        for m, op in ops.items()
        if app in op.get("tags", ())
    }
    routes = [route for key, route in API.items() if key in tagged]
    run_matrix(clients(world), _rows(world, routes, web=False))


@pytest.mark.parametrize("app", APPS)
def test_team_5_html_matrix(world: World, app: str) -> None:
    """TEAM-5/TER-1..4/CUS-9: every HTML route of one app x actors x records."""
    routes = [r for name, rs in WEB.items() if name.startswith(f"{app}:") for r in rs]
    run_web_matrix(clients(world), _rows(world, routes, web=True))


def test_con_11_refusal_names_only_the_customers_the_actor_sees(world: World) -> None:
    """CON-11/TEAM-5: deleting the contact of a customer the actor sees and
    of one they do not: 404 to whoever sees neither, 403 naming only the
    customer they see to a View Only member, a delete with Edit or Full —
    and the hidden customer is named in no answer."""
    customers = ("own", "other")
    with transaction.atomic():
        shared = contact_services.contact_create(
            actor=as_actor(world.users["salesadmin"]),
            last_name="Matrixson shared",
            account_ids=[world.accounts[a].pk for a in customers],
            confirm_duplicates=True,
        )
        rows = []
        for actor in ACTORS:
            if not sees_contact_of(actor, customers):
                expected = 404
            elif p.DELETE_SALES_PARTY_CONTACT not in privileges(actor):
                expected = 403
            else:
                expected = 204 if edits_contact_of(actor, customers) else 403
            path = f"/api/v1/contacts/{shared.pk}"
            hidden = hidden_names(world, actor)
            rows.append(Row(actor, "delete", path, expected, unchanged=TABLES, hidden=hidden))
        run_matrix(world.api, rows)
        transaction.set_rollback(True)
