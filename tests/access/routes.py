"""Every route of every app, read from the URL resolver and the OpenAPI
document, so that the matrices can be checked against what really exists.

A page is keyed by its URL name (`customers:account_list`, `home`); an API
operation by its method and path template (`GET /api/v1/accounts`). The URL
patterns django-ninja adds for the operations are the operations' own, so
they are counted as operations; the other patterns of the API (its docs)
are pages. Each route belongs to the app whose module holds its view or
handler.

A route whose answers follow from what it declares needs no table row; the
matrix derives its rows (tests/access/platform_rows.py):

- a page whose view declares `model` and `action` and whose URL names the
  record: each actor's answer is what `access.refusal` says of the action;
- a create page (the action "create", no record in its URL): each actor's
  answer is what `access.can_create` says;
- a page that names no record and declares a `model` to view (a list) or is
  a portal page: who it is for (core.views.pages.page_area) and the
  `privilege` it needs decide;
- a reading API operation whose handler declares what it reads (`@reads`,
  core.apikit.declarations): the record's policy, the privilege, and for
  the portal's operations (tagged "portal") the caller's membership.
"""

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import apps
from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from openprm.config.api import api
from openprm.core import access
from openprm.core.apikit.declarations import Reads, declared_reads
from openprm.core.views.pages import INTERNAL, PORTAL, page_area

EXEMPT = {
    # Signing in and out is the sign-in tests' subject (tests/identity/test_sign_in.py);
    # neither page shows or changes a record.
    "identity:login": "public sign-in page",
    "identity:logout": "ends the session of whoever asks",
    # The invitation link is public by design: its signed token, not the
    # session, says whose account it activates (tests/partners).
    "portal:invitation": "public page behind a signed token",
    # Applying is public, and the applicant's token, not a session, names its
    # application (tests/recruitment/test_api.py).
    "POST /api/v1/public/partner-applications": "public application form",
    **{
        f"{method} /api/v1/public/partner-applications/{{token}}{suffix}": "behind its token"
        for method, suffix in (("GET", ""), ("POST", "/answer"), ("POST", "/withdraw"))
    },
    # The API's own pages describe the operations and hold no record.
    "api:api-root": "the API's root, no record",
    "api:openapi-json": "the OpenAPI document",
    "api:openapi-view": "the API docs page",
}
"""Routes no matrix needs to cover, each with its reason. An entry that no
longer names a route fails the coverage test (a stale exemption)."""


def app_of(module: str, fallback: str = "") -> str:
    """The label of the installed app whose package holds `module`; the
    platform's packages (core.views, core.exporters…) are core's."""
    found = apps.get_containing_app_config(module)
    return found.label if found is not None else fallback


@dataclass(frozen=True)
class Page:
    """One named URL pattern: its name, its route with the parameters as
    `{name}`, and its view."""

    name: str
    route: str
    view: Callable[..., Any]

    @property
    def view_class(self) -> type | None:
        return getattr(self.view, "view_class", None)

    @property
    def app(self) -> str:
        """The app whose module holds the view; a view of Django's own (a
        redirect) belongs to the app of its URL namespace."""
        holder = self.view_class or self.view
        namespace = self.name.split(":")[0] if ":" in self.name else ""
        return app_of(getattr(holder, "__module__", ""), fallback=namespace)

    @property
    def area(self) -> str:
        """Who the page is for: core.views.pages.PORTAL, SHARED or INTERNAL."""
        return page_area(self.view)

    @property
    def portal(self) -> bool:
        """A page partner users may reach (portal or shared page); any other
        answers them 404 (PRG-7)."""
        return self.area != INTERNAL

    @property
    def public(self) -> bool:
        return getattr(self.view, "login_required", True) is False

    @property
    def privilege(self) -> str | None:
        """The privilege the view declares it needs (generic.Page.privilege)."""
        return getattr(self.view_class, "privilege", None)

    @property
    def names_record(self) -> bool:
        return "{" in self.route

    def declared(self) -> tuple[type[models.Model], str] | None:
        """The record and action the view declares, when it does and its
        URL names the record (a list or a create page declares no record
        to ask for)."""
        found = self.declaration()
        if found is None or not self.names_record or not access.has_rule(*found):
            return None
        return found

    def creates(self) -> type[models.Model] | None:
        """The model a create page declares (the action "create" and no
        parameter in its URL), when its policy has a create rule."""
        found = self.declaration()
        if found is None or found[1] != "create" or self.names_record:
            return None
        return found[0] if access.has_rule(*found) else None

    def declaration(self) -> tuple[type[models.Model], str] | None:
        model = getattr(self.view_class, "model", None)
        action = getattr(self.view_class, "action", None)
        return (model, action) if model is not None and action else None

    def entry(self) -> bool:
        """A page that names no record and whose answers follow from what it
        declares: a list (a `model` to view) or a portal page."""
        if self.names_record or self.public:
            return False
        declared = self.declaration()
        return self.area == PORTAL or (declared is not None and declared[1] == "view")

    def derived(self) -> bool:
        return self.declared() is not None or self.creates() is not None or self.entry()


@dataclass(frozen=True)
class Operation:
    """One operation of the OpenAPI document and the handler behind it."""

    key: str
    handler: Callable[..., Any]
    tags: tuple[str, ...]
    integer_parameters: bool
    parameters: int

    @property
    def method(self) -> str:
        return self.key.split(" ", 1)[0].lower()

    @property
    def path(self) -> str:
        return self.key.split(" ", 1)[1]

    @property
    def app(self) -> str:
        return app_of(self.handler.__module__)

    @property
    def portal(self) -> bool:
        """An operation of the portal API: the caller's own organization only."""
        return "portal" in self.tags

    @property
    def reads(self) -> Reads | None:
        return declared_reads(self.handler)

    def derived(self) -> bool:
        """A read whose handler declares its record, and whose path names
        records by id (a code in the path is not a world record's id)."""
        return self.method == "get" and self.reads is not None and self.integer_parameters


_PARAMETER = re.compile(r"<(?:\w+:)?(\w+)>")


def _walk(patterns: list[Any], prefix: str, namespace: str) -> Iterator[Page]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = ":".join(n for n in (namespace, entry.namespace) if n)
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern) and entry.name:
            name = f"{namespace}:{entry.name}" if namespace else entry.name
            route = "/" + _PARAMETER.sub(r"{\1}", prefix + str(entry.pattern))
            yield Page(name, route, entry.callback)


def operations() -> dict[str, dict[str, Any]]:
    """Every operation of the OpenAPI document, by `METHOD /path`."""
    return {
        f"{method.upper()} {path}": operation
        for path, methods in api.get_openapi_schema()["paths"].items()
        for method, operation in methods.items()
    }


@cache
def _handlers() -> dict[str, Callable[..., Any]]:
    """The handler of each operation, by `METHOD /path`, from the routers
    the API mounts (every app's, the portal's)."""
    root = api.get_root_path({}).rstrip("/")
    found = {}
    for bound in api._get_bound_routers():
        for path, view in bound.template.path_operations.items():
            for operation in view.operations:
                for method in operation.methods:
                    found[f"{method} {root}{bound.prefix}{path}"] = operation.view_func
    return found


def api_operations() -> dict[str, Operation]:
    """Every operation with its handler, tags and path parameters."""
    handlers = _handlers()
    found = {}
    for key, operation in operations().items():
        parameters = [p for p in operation.get("parameters", ()) if p["in"] == "path"]
        found[key] = Operation(
            key,
            handlers[key],
            tuple(operation.get("tags", ())),
            all(p["schema"].get("type") == "integer" for p in parameters),
            len(parameters),
        )
    return found


def pages() -> dict[str, Page]:
    """Every named URL pattern of every app, but the API's operations."""
    paths = {key.split(" ", 1)[1] for key in operations()}
    return {
        page.name: page
        for page in _walk(get_resolver().url_patterns, "", "")
        if page.route not in paths
    }


def operation_of(method: str, path: str) -> str | None:
    """The operation a call asks for (`PATCH`, `/api/v1/accounts/7`)."""
    path = path.split("?", 1)[0]
    for key in operations():
        verb, template = key.split(" ", 1)
        pattern = re.sub(r"\\{\w+\\}", "[^/]+", re.escape(template))
        if verb == method.upper() and re.fullmatch(pattern, path):
            return key
    return None


def derived_routes() -> set[str]:
    """The routes whose rows the matrix derives from their declarations."""
    return {name for name, page in pages().items() if page.derived()} | {
        key for key, operation in api_operations().items() if operation.derived()
    }


def uncovered(covered: Mapping[str, object]) -> tuple[list[str], list[str]]:
    """The routes without matrix rows (neither table rows nor rows derived
    from their declarations), and the covered or exempt keys that name no
    route any more."""
    found = {**pages(), **operations()}
    missing = sorted(set(found) - set(covered) - derived_routes() - set(EXEMPT))
    stale = sorted((set(covered) | set(EXEMPT)) - set(found))
    return missing, stale
