"""Every route of every app, read from the URL resolver and the OpenAPI
document, so that the matrices can be checked against what really exists.

A page is keyed by its URL name (`customers:account_list`, `home`); an API
operation by its method and path template (`GET /api/v1/accounts`). The URL
patterns django-ninja adds for the operations are the operations' own, so
they are counted as operations; the other patterns of the API (its docs)
are pages.

A page's view may declare what it works on and does: `model` and `action`
on its class (the generic views). When its URL names the record, the
matrix needs no table row for it: the records to ask for are the world's
records of that model, and each actor's answer is what `access.refusal`
says of the action (test_platform_matrix.declared_rows). A create page
(the action "create", no record in its URL) needs none either: each
actor's answer is what `access.can_create` says (declared_create_rows).
"""

import re
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.urls import URLPattern, URLResolver, get_resolver

from openprm.config.api import api
from openprm.core import access
from openprm.core.views.pages import is_portal_page

EXEMPT = {
    # Signing in and out is the sign-in tests' subject (tests/identity/test_sign_in.py);
    # neither page shows or changes a record.
    "identity:login": "public sign-in page",
    "identity:logout": "ends the session of whoever asks",
    # The invitation link is public by design: its signed token, not the
    # session, says whose account it activates (tests/partners).
    "portal:invitation": "public page behind a signed token",
    # The API's own pages describe the operations and hold no record.
    "api:api-root": "the API's root, no record",
    "api:openapi-json": "the OpenAPI document",
    "api:openapi-view": "the API docs page",
}
"""Routes no matrix needs to cover, each with its reason. An entry that no
longer names a route fails the coverage test (a stale exemption)."""


@dataclass(frozen=True)
class Page:
    """One named URL pattern: its name, its route with the parameters as
    `{name}`, and its view."""

    name: str
    route: str
    view: Callable[..., Any]

    @property
    def portal(self) -> bool:
        """A page partner users may reach (portal or shared page); any other
        answers them 404 (PRG-7)."""
        return is_portal_page(self.view)

    @property
    def public(self) -> bool:
        return getattr(self.view, "login_required", True) is False

    def declared(self) -> tuple[type[models.Model], str] | None:
        """The record and action the view declares, when it does and its
        URL names the record (a list or a create page declares no record
        to ask for, so it needs table rows)."""
        found = self.declaration()
        if found is None or "{" not in self.route or not access.has_rule(*found):
            return None
        return found

    def creates(self) -> type[models.Model] | None:
        """The model a create page declares (the action "create" and no
        parameter in its URL), when its policy has a create rule."""
        found = self.declaration()
        if found is None or found[1] != "create" or "{" in self.route:
            return None
        return found[0] if access.has_rule(*found) else None

    def declaration(self) -> tuple[type[models.Model], str] | None:
        view_class = getattr(self.view, "view_class", None)
        model = getattr(view_class, "model", None)
        action = getattr(view_class, "action", None)
        return (model, action) if model is not None and action else None


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


def uncovered(covered: Mapping[str, object]) -> tuple[list[str], list[str]]:
    """The routes without matrix rows (pages that declare neither a record
    and action nor a create, and operations), and the covered or exempt keys
    that name no route any more."""
    found = {**pages(), **operations()}
    declared = {name for name, page in pages().items() if page.declared() or page.creates()}
    missing = sorted(set(found) - set(covered) - declared - set(EXEMPT))
    stale = sorted((set(covered) | set(EXEMPT)) - set(found))
    return missing, stale
