"""What each app declares about itself, collected once at start-up.

An app states its privileges, the grants of roles to them, its roles,
lookups, profile options and record types as module-level tuples in
`<app>/catalog.py` (`PRIVILEGES`, `GRANTS`, `ROLES`, `LOOKUPS`, `OPTIONS`,
`RECORD_TYPES`). Core reads every installed app's module when Django starts
(`CoreConfig.ready`) and refuses two declarations of one code, a grant to an
undeclared role and a grant of another app's privilege, so a mistake stops
start-up instead of surfacing as a missing privilege in production. Core
itself names no domain (DESIGN.md: imports go downward): it is an app like the
others, and its own platform-settings privileges are declared at the end of
this module.
"""

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import module_has_submodule
from django.utils.translation import gettext_lazy as _

from openprm.core.customfields.registry import RecordType, register_record_type


@dataclass(frozen=True)
class Privilege:
    """A PLAT-2 privilege: the code services check, the label refusals name."""

    code: str
    label: Any


@dataclass(frozen=True)
class Role:
    """A job or duty role (PLAT-2). An `all_privileges` role holds every
    declared privilege (the administrator), so no app has to grant it hers."""

    code: str
    name: str
    kind: str = "job"
    for_partners: bool = False
    all_privileges: bool = False


@dataclass(frozen=True)
class RoleGrant:
    """An app's statement "role X gets my privileges Y"."""

    role: str
    privileges: tuple[str, ...]


@dataclass(frozen=True)
class LookupCode:
    code: str
    meaning: str
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Lookup:
    """A PLAT-4 lookup type the app's rules rely on, with its first values."""

    code: str
    name: str
    description: str
    values: tuple[LookupCode, ...]


@dataclass(frozen=True)
class Option:
    """A PLAT-3 profile option the app's rules read, with its default."""

    code: str
    name: str
    description: str
    value_type: str
    default_value: str
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class Catalog:
    """Every app's declarations, merged and checked."""

    privileges: dict[str, Privilege]
    roles: dict[str, Role]
    grants: dict[str, frozenset[str]]
    lookups: dict[str, Lookup]
    options: dict[str, Option]
    record_types: tuple[RecordType, ...]

    def role_privileges(self, role: str) -> frozenset[str]:
        """The union of every app's grants to `role` (all privileges for an
        `all_privileges` role)."""
        if self.roles[role].all_privileges:
            return frozenset(self.privileges)
        return self.grants.get(role, frozenset())

    def privilege_label(self, code: str) -> Any:
        return self.privileges[code].label


def _unique(kind: str, declared: Iterable[tuple[str, str, Any]]) -> dict[str, Any]:
    """`(code, module, declaration)` triples by code; one code twice stops start-up."""
    found: dict[str, Any] = {}
    owner: dict[str, str] = {}
    for code, module, declaration in declared:
        if code in found:
            raise ImproperlyConfigured(
                f"{kind} {code!r} is declared by both {owner[code]} and {module}"
            )
        found[code] = declaration
        owner[code] = module
    return found


def _declared(modules: list[ModuleType], name: str) -> list[tuple[str, str, Any]]:
    return [
        (declaration.code, module.__name__, declaration)
        for module in modules
        for declaration in getattr(module, name, ())
    ]


def _grants(modules: list[ModuleType], roles: dict[str, Role]) -> dict[str, frozenset[str]]:
    granted: dict[str, set[str]] = {}
    for module in modules:
        own = {p.code for p in getattr(module, "PRIVILEGES", ())}
        for grant in getattr(module, "GRANTS", ()):
            if grant.role not in roles:
                raise ImproperlyConfigured(
                    f"{module.__name__} grants to unknown role {grant.role!r}"
                )
            foreign = sorted(set(grant.privileges) - own)
            if foreign:
                raise ImproperlyConfigured(
                    f"{module.__name__} grants privileges it does not declare: {', '.join(foreign)}"
                )
            granted.setdefault(grant.role, set()).update(grant.privileges)
    return {role: frozenset(codes) for role, codes in granted.items()}


def _parents_first(types: dict[str, RecordType]) -> tuple[RecordType, ...]:
    """Record types ordered so each parent comes before its children."""
    ordered: list[RecordType] = []
    placed: set[str] = set()
    pending = list(types.values())
    while pending:
        ready = [t for t in pending if t.parent is None or t.parent in placed]
        if not ready:
            names = ", ".join(f"{t.code} (parent {t.parent})" for t in pending)
            raise ImproperlyConfigured(f"record types with an undeclared parent: {names}")
        ordered += ready
        placed.update(t.code for t in ready)
        pending = [t for t in pending if t.code not in placed]
    return tuple(ordered)


def collect(modules: Iterable[ModuleType]) -> Catalog:
    """Merge the declarations of these catalog modules; ImproperlyConfigured
    names the conflict."""
    modules = list(modules)
    roles = _unique("role", _declared(modules, "ROLES"))
    return Catalog(
        privileges=_unique("privilege", _declared(modules, "PRIVILEGES")),
        roles=roles,
        grants=_grants(modules, roles),
        lookups=_unique("lookup", _declared(modules, "LOOKUPS")),
        options=_unique("profile option", _declared(modules, "OPTIONS")),
        record_types=_parents_first(_unique("record type", _declared(modules, "RECORD_TYPES"))),
    )


def _app_catalog_modules() -> list[ModuleType]:
    return [
        import_module(f"{config.name}.catalog")
        for config in apps.get_app_configs()
        if module_has_submodule(config.module, "catalog")
    ]


@functools.cache
def collected() -> Catalog:
    """The installed apps' catalog, read once per process."""
    return collect(_app_catalog_modules())


def install() -> None:
    """Collect at start-up, so a conflict stops the process before any
    request, and register the declared record types for custom fields."""
    for record_type in collected().record_types:
        register_record_type(record_type.code, record_type.label, parent=record_type.parent)


MANAGE_PROFILE_OPTIONS = "manage_profile_options"
MANAGE_LOOKUPS = "manage_lookups"
MANAGE_CUSTOM_FIELDS = "manage_custom_fields"
VIEW_SYSTEM_HEALTH = "view_system_health"

PRIVILEGES = (
    Privilege(MANAGE_PROFILE_OPTIONS, _("Manage Profile Options")),
    Privilege(MANAGE_LOOKUPS, _("Manage Lookups")),
    Privilege(MANAGE_CUSTOM_FIELDS, _("Manage Custom Fields")),
    # Everyone's imports and the background jobs, on the administrator's home
    # page; no job role is granted it, the administrator holds every privilege.
    Privilege(VIEW_SYSTEM_HEALTH, _("View System Health")),
)
