"""Rules about the code itself, so a new model or handler cannot slip past
the conventions of DESIGN.md unnoticed."""

import re
from pathlib import Path

import pytest
from django.apps import apps

import openprm
from openprm.config import urls  # noqa: F401  loads every app's API and its scopes
from openprm.core import access

PACKAGE = Path(openprm.__file__).parent
DIRECT_WRITE = re.compile(r"\.save\(|\.objects\.create\(|\.delete\(\)")
ACCESS_CALL = re.compile(r"\baccess\.|\bunscoped\(")
UNTYPED_ACTOR = re.compile(r"\bactor: Any\b")
HANDLERS = sorted(
    p.relative_to(PACKAGE).as_posix()
    for p in PACKAGE.rglob("*.py")
    if p.name in ("views.py", "api.py")
    or p.name.endswith(("_views.py", "_api.py"))
    or p.parent.name == "views"
)


def test_every_model_has_an_access_scope() -> None:
    """Fail closed: a concrete model of an OpenPRM app without a registered
    scope could not be listed safely, so CI refuses it."""
    registered = access.registered_models()
    missing = sorted(
        model._meta.label
        for config in apps.get_app_configs()
        if config.name.startswith("openprm.")
        for model in config.get_models()
        if not model._meta.abstract and model not in registered
    )
    assert not missing, f"register an access scope for: {', '.join(missing)}"


@pytest.mark.parametrize("path", HANDLERS)
def test_handlers_do_not_write_directly(path: str) -> None:
    """Views and API handlers call services; only services write (DESIGN.md)."""
    source = (PACKAGE / path).read_text()
    offending = [
        f"{number}: {line.strip()}"
        for number, line in enumerate(source.splitlines(), start=1)
        if DIRECT_WRITE.search(line)
    ]
    assert not offending, f"{path} writes directly:\n" + "\n".join(offending)


def _lines_matching(path: str, pattern: re.Pattern[str]) -> list[str]:
    source = (PACKAGE / path).read_text()
    return [
        f"{number}: {line.strip()}"
        for number, line in enumerate(source.splitlines(), start=1)
        if pattern.search(line) and not line.lstrip().startswith(("from ", "import "))
    ]


@pytest.mark.parametrize("path", [h for h in HANDLERS if h != "core/views/web.py"])
def test_handlers_leave_access_to_selectors_and_services(path: str) -> None:
    """Who may see and do what is decided behind selectors, services and
    `permitted()` (core/views/web.py, the one place pages ask `can()` which
    buttons to show); a page or API handler never asks the access module
    itself, nor reads around it."""
    offending = _lines_matching(path, ACCESS_CALL)
    assert not offending, f"{path} calls the access module:\n" + "\n".join(offending)


def test_every_actor_is_typed() -> None:
    """Services, selectors and policies take the typed Actor, never a bare user."""
    offending = [
        f"{p.relative_to(PACKAGE)}:{line}"
        for p in PACKAGE.rglob("*.py")
        for line in _lines_matching(p.relative_to(PACKAGE).as_posix(), UNTYPED_ACTOR)
    ]
    assert not offending, "type the actor as core.actor.Actor:\n" + "\n".join(offending)


OPENPRM_MODULE = re.compile(r"\bopenprm\.(\w+)")


def test_the_portal_names_no_domain_app() -> None:
    """The portal app is only the portal's frame (index, and the collection
    of the pages, API operations and menu entries each app declares), so a
    new app brings its portal pages without editing the portal. It may lean
    on core, the platform under every app; it names no other app, neither
    by import nor by a dotted module name it imports at run time."""
    allowed = {"core", "portal"}
    offending = [
        f"{path.relative_to(PACKAGE)}: openprm.{name}"
        for path in sorted((PACKAGE / "portal").rglob("*"))
        if path.is_file() and path.suffix in (".py", ".html")
        for name in OPENPRM_MODULE.findall(path.read_text())
        if name not in allowed
    ]
    assert not offending, "the portal names a domain app:\n" + "\n".join(offending)


def test_every_internal_page_is_closed_to_partner_users() -> None:
    """PRG-7: the only pages a partner user reaches are the ones marked as
    portal or shared pages; this list changes only on purpose."""
    from django.urls import get_resolver

    from openprm.core.views.pages import is_portal_page

    def walk(patterns: list, prefix: str = "") -> list[tuple[str, object]]:
        found = []
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                found += walk(pattern.url_patterns, route)
            else:
                found.append((route, pattern.callback))
        return found

    open_to_partners = sorted(
        route
        for route, view in walk(get_resolver().url_patterns)
        if not route.startswith("api/") and is_portal_page(view)
    )
    assert open_to_partners == [
        "",
        "account/profile/",
        "account/profile/tokens/",
        "account/profile/tokens/<int:pk>/revoke/",
        "account/sign-out/",
        "exports/",
        "exports/<int:pk>/",
        "exports/<int:pk>/download/",
        "exports/<int:pk>/progress/",
        "portal/contacts/",
        "portal/contacts/<int:pk>/favorite/",
        "portal/organization/",
        "portal/users/",
        "portal/users/<int:pk>/",
    ]
