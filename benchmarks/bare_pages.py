"""The page benchmark's baseline: every measured page as the best hand-written
SQL (benchmarks.bare_sql) rendered by a minimal template, in a bare WSGI app
served by the same gunicorn command as OpenPRM (issue 19).

A request names the page in its path, as the application does
(`/contacts/?search=my_business`, `/customers/accounts/12/`), and the user in
`?u=`; its session cookie is looked up like Django's (one indexed read), the
user's privileges and partner in one statement, the resources below it in
another (TEAM-4). `?plan=ids` starts the rows from the accounts the user
reaches — what one writes for a user who reaches few accounts — instead of
walking the list in order with the visibility condition per row. The page
links its rows the way the application's page does, so the benchmark
compares the ids both show.
"""

import datetime as dt
import html
import os
import re
import sqlite3
from collections.abc import Callable, Iterable
from typing import Any
from urllib.parse import parse_qs

from benchmarks import bare_sql as q

_connection: Any = None
ROUTES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^/customers/accounts/(?:(\d+)/)?$"), "account"),
    (re.compile(r"^/contacts/(?:(\d+)/)?$"), "contact"),
    (re.compile(r"^/partners/(?:(\d+)/)?$"), "partner"),
    (re.compile(r"^/territories/(?:(\d+)/)?$"), "territory"),
    (re.compile(r"^/account/users/(?:(\d+)/)?$"), "user"),
    (re.compile(r"^/imports/(?:(\d+)/)?$"), "import"),
    (re.compile(r"^/portal/contacts/(?:(\d+)/)?$"), "portal_contact"),
    (re.compile(r"^/portal/users/$"), "portal_user"),
    (re.compile(r"^/portal/registrations/$"), "portal_registration"),
    (re.compile(r"^/portal/leads/$"), "portal_lead"),
    (re.compile(r"^/portal/opportunities/$"), "portal_opportunity"),
]


def _connect() -> Any:
    url = os.environ.get("DATABASE_URL", "")
    if url.startswith("postgres"):
        import psycopg

        return psycopg.connect(url, autocommit=True)
    path = os.path.join(os.environ["OPENPRM_VAR_DIR"], "openprm.sqlite3")
    return sqlite3.connect(path, check_same_thread=False, isolation_level=None)


def rows(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    global _connection
    if _connection is None:
        _connection = _connect()
    if isinstance(_connection, sqlite3.Connection):
        sql = re.sub(r"%\((\w+)\)s", r":\1", sql)
    return list(_connection.execute(sql, params).fetchall())


def _sqlite() -> bool:
    """Whether the baseline reads SQLite (else PostgreSQL), once connected."""
    return isinstance(_connection, sqlite3.Connection)


def _ints(values: Iterable[int]) -> str:
    return ", ".join(str(int(v)) for v in values) or "0"


class Reach:
    """Who asks and what it sees: `scope(alias)` is the condition on an
    account row (empty when it sees all), `ids` the same accounts' ids."""

    def __init__(self, me: int, plan: str) -> None:
        found = rows(q.USER, {"me": me})
        if not found:
            raise LookupError(me)
        user_type, sees_all, manages, self.partner, partner_account = found[0]
        self.me, self.plan = me, plan
        self.internal = user_type == "internal"
        self.all = bool(sees_all) and self.internal
        if not self.internal:
            self.condition = "{a}.id = " + str(int(partner_account or 0))
            self.ids = f"SELECT {int(partner_account or 0)}"
            self.resource = 0
            return
        below = rows(q.RESOURCES, {"me": me}) if not self.all else []
        users = _ints([me, *(user for _r, user in below if user is not None)])
        resources = _ints(r for r, _user in below)
        own = [r for r, user in below if user == me]
        self.resource = own[0] if own else 0
        partners = q.MANAGED if manages else ""
        self.condition = q.VISIBLE.format(
            users=users, resources=resources, partners=partners, a="{a}"
        )
        self.ids = q.VISIBLE_IDS.format(
            users=users, resources=resources, partner_ids=q.MANAGED_IDS if manages else ""
        )

    def scope(self, alias: str = "a") -> str:
        if self.all:
            return ""
        if self.plan == "ids":
            return f" AND {alias}.id IN ({self.ids})"
        return " AND " + self.condition.format(a=alias)

    def persons(self, condition: str, beside_or: bool = False) -> str:
        """Persons related to an active account matching `condition`;
        `beside_or` when the test is one arm of an OR (bare_sql.RELATED)."""
        if self.plan == "ids":
            return q.RELATED_IDS.format(condition=condition)
        fence = " OFFSET 0" if beside_or and not _sqlite() else ""
        return q.RELATED.format(condition=condition, fence=fence)

    def person_visible(self) -> str:
        """TEAM-5: created by the user, or related to an account it sees."""
        if self.all:
            return "1 = 1"
        related = self.persons("1 = 1" + self.scope(), beside_or=True)
        return f"(p.owner_id = {self.me} OR {related})"


def _account_condition(reach: Reach, search: str) -> str:
    """CON-7's predefined searches as a condition on the related account `a`
    (within what the user sees: each grants the account's visibility)."""
    me, own = reach.me, reach.resource
    if search == "my_contacts":
        return f"a.owner_id = {me} AND a.is_sales_account"
    if search == "my_business":
        return f"a.owner_id = {me}"
    if search == "my_team_territory":
        if reach.plan == "ids":  # from the user's own team and territory rows
            granted = (
                "a.id IN (SELECT tm.account_id FROM teams_accountteammember tm "
                f"WHERE tm.user_id = {me} OR tm.resource_id = {own} "
                "UNION SELECT at.account_id FROM territories_accountterritory at "
                "JOIN territories_territory t ON t.id = at.territory_id AND t.active "
                "JOIN territories_territorymember m ON m.territory_id = at.territory_id "
                f"WHERE m.resource_id = {own})"
            )
        else:
            granted = (
                "(EXISTS (SELECT 1 FROM teams_accountteammember tm WHERE tm.account_id = a.id "
                f"AND (tm.user_id = {me} OR tm.resource_id = {own})) OR EXISTS (SELECT 1 FROM "
                "territories_accountterritory at JOIN territories_territory t ON t.id = "
                "at.territory_id AND t.active JOIN territories_territorymember m ON "
                "m.territory_id = at.territory_id WHERE at.account_id = a.id "
                f"AND m.resource_id = {own}))"
            )
        return f"a.is_sales_account AND {granted}"
    raise LookupError(search)


def contact_list(reach: Reach, params: dict[str, str]) -> list[tuple[Any, ...]]:
    term, search = params.get("q", ""), "my_contacts"
    if params.get("saved_search"):
        found = rows(q.SAVED_SEARCH, {"pk": int(params["saved_search"])})
        if not found:
            raise LookupError(params["saved_search"])
        search = found[0][0]
    bind: dict[str, Any] = {"me": reach.me}
    if term:
        key = term.lower()
        bind.update(low=key, high=key + "\U0010ffff")
        customer = f"(p.kind = 'b2c' OR {reach.persons('1 = 1', beside_or=True)})"
        if reach.all:
            condition = customer
        else:
            condition = (
                f"({reach.persons('1 = 1' + reach.scope(), beside_or=True)} OR "
                f"(p.owner_id = {reach.me} AND {customer}))"
            )
        found = rows(q.NAME_ARMS.format(condition=condition, more=q.MORE), bind)
    elif search == "my_favorites":
        found = rows(q.FAVORITES.format(visible=reach.person_visible(), more=q.MORE), bind)
    elif reach.plan == "ids":  # the persons of the few accounts, then sorted
        condition = _account_condition(reach, search)
        form = q.CONTACTS_FROM if _sqlite() else q.CONTACTS_ANY
        found = rows(form.format(condition=condition, more=q.MORE), bind)
    else:
        condition = reach.persons(_account_condition(reach, search))
        found = rows(q.CONTACTS.format(condition=condition, more=q.MORE), bind)
    page = found[: q.PAGE]
    customers: dict[int, list[str]] = {}
    if page:
        persons = _ints(row[0] for row in page)
        for person, _account, name in rows(
            q.CUSTOMERS.format(persons=persons, scope=reach.scope()), {}
        ):
            customers.setdefault(person, []).append(name)
    return [(*row, ", ".join(customers.get(row[0], []))) for row in page]


def _counted(sql: str, params: dict[str, Any]) -> list[tuple[Any, ...]]:
    """A counted list's page: its rows, and the total when a next page exists."""
    found = rows(sql, params)
    if len(found) > q.PAGE:
        rows(q.COUNT.format(rows=sql.rsplit("ORDER BY", 1)[0]), params)
    return found[: q.PAGE]


def list_page(kind: str, reach: Reach, params: dict[str, str]) -> list[tuple[Any, ...]]:
    bind: dict[str, Any] = {"me": reach.me, "partner": reach.partner}
    if kind == "account":
        sql = q.ACCOUNTS.format(scope=reach.scope(), parent_vis=reach.scope("pa"), more=q.MORE)
        return rows(sql, bind)[: q.PAGE]
    if kind == "contact":
        return contact_list(reach, params)
    if kind == "partner":
        return _counted(q.PARTNERS.format(scope=reach.scope(), more=q.MORE), bind)
    if kind == "territory":
        return _counted(q.TERRITORIES, bind)
    if kind == "user":
        page = _counted(q.USERS, bind)
        rows(q.USER_ROLES.format(users=_ints(row[0] for row in page)), {})
        return page
    if kind == "import":
        return _counted(q.IMPORTS.format(scope=f"WHERE j.created_by_id = {reach.me}"), bind)
    if kind in ("portal_contact", "portal_user"):
        scope = "AND pc.user_id IS NOT NULL" if kind == "portal_user" else ""
        return _counted(q.PORTAL_CONTACTS.format(scope=scope), bind)
    portal_deals = {
        "portal_registration": q.PORTAL_REGISTRATIONS,
        "portal_lead": q.PORTAL_LEADS,
        "portal_opportunity": q.PORTAL_OPPORTUNITIES,
    }
    if kind in portal_deals and not reach.internal:
        return _counted(portal_deals[kind], bind)
    raise LookupError(kind)


DETAILS: dict[str, tuple[str, list[str]]] = {
    "account": (q.ACCOUNT, q.ACCOUNT_PARTS),
    "contact": (q.CONTACT, q.CONTACT_PARTS),
    "partner": (q.PARTNER, q.PARTNER_PARTS),
    "territory": (q.TERRITORY, q.TERRITORY_PARTS),
    "user": (q.USER_DETAIL, q.USER_PARTS),
    "import": (q.IMPORT, []),
    "portal_contact": (q.PORTAL_CONTACT, q.PORTAL_CONTACT_PARTS),
}


def detail_page(kind: str, reach: Reach, pk: int) -> list[tuple[Any, ...]]:
    record, parts = DETAILS[kind]
    bind = {"me": reach.me, "pk": pk, "partner": reach.partner}
    scope = reach.scope()
    if kind == "contact" and not reach.all:
        scope = " AND " + reach.person_visible()
    found = rows(record.format(scope=scope, parent_vis=reach.scope("pa")), bind)
    if not found:
        raise LookupError(pk)
    for part in parts:
        found += rows(part.format(related_vis=reach.scope()), bind)
    return found


LINKS = {
    "account": "/customers/accounts/{}/",
    "contact": "/contacts/{}/",
    "partner": "/partners/{}/",
    "territory": "/territories/{}/",
    "user": "/account/users/{}/",
    "import": "/imports/{}/",
    "portal_contact": "/portal/contacts/{}/",
    "portal_user": "/portal/contacts/{}/",
    "portal_registration": "/portal/registrations/{}/",
    "portal_lead": "/portal/leads/{}/",
    "portal_opportunity": "/portal/opportunities/{}/",
}


def render(kind: str, found: list[tuple[Any, ...]], linked: bool) -> bytes:
    """The minimal template: a table, the first cell of a list row its link."""
    body = []
    for row in found:
        cells = [html.escape("" if v is None else str(v)) for v in row]
        if linked:
            cells[0] = f'<a href="{LINKS[kind].format(cells[0])}">{cells[0]}</a>'
        body.append("<tr><td>" + "</td><td>".join(cells) + "</td></tr>")
    page = f"<!doctype html><title>{kind}</title><table>{''.join(body)}</table>"
    return page.encode()


def _route(path: str) -> tuple[str, re.Match[str]]:
    for pattern, kind in ROUTES:
        match = pattern.match(path)
        if match:
            return kind, match
    raise LookupError(path)


def application(environ: dict[str, Any], start_response: Callable[..., Any]) -> Iterable[bytes]:
    path = environ.get("PATH_INFO", "")
    params = {k: v[0] for k, v in parse_qs(environ.get("QUERY_STRING", "")).items()}
    cookie = re.search(r"sessionid=([^;\s]+)", environ.get("HTTP_COOKIE", ""))
    now = dt.datetime.now(dt.UTC).replace(tzinfo=None).isoformat(" ")
    signed_in = cookie and rows(q.SESSION, {"session": cookie.group(1), "now": now})
    try:
        if not signed_in:
            raise LookupError("session")
        reach = Reach(int(params["u"]), params.get("plan", "walk"))
        kind, match = _route(path)
        if match.groups() and match.group(1):
            body = render(kind, detail_page(kind, reach, int(match.group(1))), False)
        else:
            body = render(kind, list_page(kind, reach, params), True)
    except LookupError:
        start_response("404 Not Found", [("Content-Type", "text/html")])
        return [b"not found"]
    start_response("200 OK", [("Content-Type", "text/html; charset=utf-8")])
    return [body]
