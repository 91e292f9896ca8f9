"""Rules about the code itself, so a new model or handler cannot slip past
the conventions of DESIGN.md unnoticed."""

import ast
import re
from enum import StrEnum
from importlib import import_module
from importlib.util import find_spec
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

import openprm
from openprm.config import urls  # noqa: F401  loads every app's API and its scopes
from openprm.core import access
from openprm.core import catalog as core_catalog
from openprm.core.catalog import collected
from openprm.core.views.pages import PORTAL, SHARED, is_portal_page, page_area

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


SHARED_PAGE_OWNERS = ("openprm.core", "openprm.identity")
"""The platform, whose few pages both sides use (home, profile, sign-out,
the exports) are its `shared_page`s; no domain app declares one."""


def _walk(patterns: list[Any]) -> list[tuple[str, Any]]:
    found = []
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            found += [(str(pattern.pattern) + route, p) for route, p in _walk(pattern.url_patterns)]
        else:
            found.append((str(pattern.pattern), pattern))
    return found


def _portal_urlpatterns() -> list[URLPattern]:
    """Every app's portal pages, as it declares them (`urls.portal_urlpatterns`)."""
    return [
        pattern
        for config in apps.get_app_configs()
        if config.name.startswith("openprm.") and find_spec(f"{config.name}.urls")
        for pattern in getattr(import_module(f"{config.name}.urls"), "portal_urlpatterns", [])
    ]


def _opened_to_partners_wrongly() -> list[str]:
    """The pages a partner user reaches that are neither an app's portal
    pages nor the platform's shared pages."""
    portal = {id(pattern) for pattern in _portal_urlpatterns()}
    offending = []
    for route, pattern in _walk(get_resolver().url_patterns):
        view = pattern.callback
        holder = getattr(view, "view_class", view)
        if route.startswith("api/") or not is_portal_page(view):
            continue
        if page_area(view) == PORTAL and id(pattern) not in portal:
            offending.append(f"{route}: a portal page outside any app's portal_urlpatterns")
        if page_area(view) == SHARED and not holder.__module__.startswith(SHARED_PAGE_OWNERS):
            offending.append(f"{route}: a shared page of {holder.__module__}")
    return offending


def test_prg_7_partner_users_reach_only_the_portal_and_the_platforms_shared_pages() -> None:
    """PRG-7: a page a partner user reaches is one its app declares among
    its portal pages (`urls.portal_urlpatterns`, a `portal_page`), or a
    shared page of the platform; every other page answers it 404 (the route
    matrix checks that). A new app's portal pages need no edit here."""
    offending = _opened_to_partners_wrongly()
    assert not offending, "pages open to partner users:\n" + "\n".join(offending)


def test_prg_7_an_internal_page_opened_to_partner_users_fails(settings: Any) -> None:
    """An internal page marked as a portal page, and a shared page of an
    app that is not the platform (tests/testapp/open_to_partners_urls.py),
    are both named."""
    settings.ROOT_URLCONF = "tests.testapp.open_to_partners_urls"
    assert _opened_to_partners_wrongly() == [
        "reports/: a portal page outside any app's portal_urlpatterns",
        "reports/shared/: a shared page of tests.testapp.open_to_partners_urls",
    ]


def test_prg_7_every_portal_page_is_open_to_partner_users() -> None:
    """An app's portal pages are portal pages (or public, like an
    invitation link): marked otherwise, partner users would get 404."""
    closed = [
        pattern.name
        for pattern in _portal_urlpatterns()
        if page_area(pattern.callback) != PORTAL
        and getattr(pattern.callback, "login_required", True)
    ]
    assert not closed, "portal pages closed to partner users: " + ", ".join(closed)


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


RULE_PREFIXES = sorted(
    {
        m.group(1).upper()
        for path in Path(__file__).parent.rglob("test_*.py")
        for m in re.finditer(r"def test_([a-z]{2,4})_\d+_", path.read_text())
    }
)
# A rule id is one of the SPEC's prefixes the tests cite, e.g. "CUS-3", so
# an encoding name such as "UTF-8" in a message is not mistaken for one.
RULE_ID = re.compile(rf"\b(?:{'|'.join(RULE_PREFIXES)})-\d+\b")
TRANSLATED = frozenset({"_", "gettext", "gettext_lazy", "ngettext", "pgettext", "ngettext_lazy"})
SHOWN_KEYWORDS = frozenset(
    {"help_text", "verbose_name", "verbose_name_plural", "label", "empty_label", "empty_text"}
)
TEMPLATE_COMMENT = re.compile(r"\{#.*?#\}|\{% comment %\}.*?\{% endcomment %\}", re.S)


def _shown_strings(tree: ast.AST) -> list[tuple[int, str]]:
    """Strings a user reads: translated ones and field labels and help texts."""
    found = []
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = getattr(node.func, "id", getattr(node.func, "attr", ""))
        values = list(node.args) if name in TRANSLATED else []
        values += [k.value for k in node.keywords if k.arg in SHOWN_KEYWORDS]
        found += [
            (v.lineno, v.value)
            for v in values
            if isinstance(v, ast.Constant) and isinstance(v.value, str)
        ]
    return found


def test_no_rule_id_reaches_the_screen() -> None:
    """Rule ids ("CUS-3") belong in docstrings and tests: no label, help text,
    message or template text a user reads names one."""
    hits = [
        f"{path.relative_to(PACKAGE)}:{line}: {text}"
        for path in sorted(PACKAGE.rglob("*.py"))
        if "migrations" not in path.parts
        for line, text in _shown_strings(ast.parse(path.read_text()))
        if RULE_ID.search(text)
    ]
    for path in sorted([*PACKAGE.rglob("*.html"), *(PACKAGE.parent / "templates").rglob("*.html")]):
        shown = TEMPLATE_COMMENT.sub("", path.read_text())
        hits += [f"{path.name}: {m.group()}" for m in RULE_ID.finditer(shown)]
    assert hits == []
