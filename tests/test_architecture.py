"""Rules about the code itself, so a new model or handler cannot slip past
the conventions of DESIGN.md unnoticed."""

import ast
import re
from enum import StrEnum
from importlib import import_module
from pathlib import Path

import pytest
from django.apps import apps

import openprm
from openprm.config import urls  # noqa: F401  loads every app's API and its scopes
from openprm.core import access
from openprm.core import catalog as core_catalog
from openprm.core.catalog import collected

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
        "search/",
    ]


CORE = PACKAGE / "core"
DOMAIN_APPS = sorted(
    config.name
    for config in apps.get_app_configs()
    if config.name.startswith("openprm.") and config.name != "openprm.core"
)
REFUSALS = frozenset(
    {"DomainError", "ValidationFailed", "PermissionRefused", "NotFound", "Conflict"}
)


def _imported_modules(tree: ast.AST) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def _strings(tree: ast.AST) -> set[str]:
    return {
        node.value
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    }


def _core_modules() -> list[tuple[str, ast.AST]]:
    return [
        (p.relative_to(PACKAGE).as_posix(), ast.parse(p.read_text())) for p in CORE.rglob("*.py")
    ]


def test_core_imports_no_app() -> None:
    """Imports go downward (DESIGN.md): apps use core, core never names an
    app, so an app can be added or removed without touching core."""
    offending = [
        f"{path}: {module}"
        for path, tree in _core_modules()
        for module in sorted(_imported_modules(tree))
        if any(module == app or module.startswith(f"{app}.") for app in DOMAIN_APPS)
    ]
    assert not offending, "core imports an app:\n" + "\n".join(offending)


def test_core_names_no_apps_declarations() -> None:
    """Privileges, roles, lookups, options and record types live in the
    catalog of the app that owns them; core only collects them."""
    catalog = collected()
    own = {p.code for p in core_catalog.PRIVILEGES}
    declared = (
        (set(catalog.privileges) - own)
        | set(catalog.roles)
        | set(catalog.lookups)
        | set(catalog.options)
        | {t.code for t in catalog.record_types}
    )
    offending = [
        f"{path}: {code!r}"
        for path, tree in _core_modules()
        for code in sorted(_strings(tree) & declared)
    ]
    assert not offending, "core names an app's declaration:\n" + "\n".join(offending)


def _literal_codes(tree: ast.AST) -> list[tuple[int, str]]:
    """Codes written as literals where a refusal is raised or defined."""
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", getattr(node.func, "attr", ""))
            for keyword in node.keywords:
                if (
                    name in REFUSALS
                    and keyword.arg == "code"
                    and isinstance(keyword.value, ast.Constant)
                ):
                    found.append((node.lineno, keyword.value.value))
        elif isinstance(node, ast.ClassDef) and any(
            getattr(base, "id", "") in REFUSALS for base in node.bases
        ):
            found += [
                (statement.lineno, statement.value.value)
                for statement in node.body
                if isinstance(statement, ast.Assign)
                and any(getattr(t, "id", "") == "code" for t in statement.targets)
                and isinstance(statement.value, ast.Constant)
            ]
    return found


@pytest.mark.parametrize("app", DOMAIN_APPS)
def test_every_refusal_code_is_declared_in_its_apps_errors(app: str) -> None:
    """Clients switch on error codes, so each app lists its codes in one
    place (`errors.py`, DESIGN.md); a code written only where it is raised
    would never be seen by whoever reviews the contract."""
    package = PACKAGE / app.removeprefix("openprm.")
    try:
        errors = import_module(f"{app}.errors")
    except ModuleNotFoundError:
        declared: set[str] = set()
    else:
        declared = {
            str(member)
            for value in vars(errors).values()
            if isinstance(value, type) and issubclass(value, StrEnum)
            for member in value
        }
    offending = [
        f"{path.relative_to(PACKAGE)}:{line}: {code}"
        for path in package.rglob("*.py")
        if path.name != "errors.py"
        for line, code in _literal_codes(ast.parse(path.read_text()))
        if code not in declared
    ]
    assert not offending, f"declare these codes in {app}.errors:\n" + "\n".join(offending)


def test_apps_publish_typed_events() -> None:
    """A business event is a dataclass in its app's `events.py`, published
    through core.events (timeline entry, then subscribers after commit); an
    app writing the timeline directly would bypass the subscribers."""
    offending = [
        f"{p.relative_to(PACKAGE)}"
        for p in PACKAGE.rglob("*.py")
        if not p.is_relative_to(CORE) and "event_record" in p.read_text()
    ]
    assert not offending, "publish a typed event instead:\n" + "\n".join(offending)
