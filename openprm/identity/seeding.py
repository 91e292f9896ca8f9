"""The privileges and roles the apps declare, written to the database after
every `migrate` (PLAT-2).

A privilege the database lacks is created and given to the roles the apps
grant it to; a role the database lacks is created with every privilege
granted to it. Rows that exist keep what administrators set (a role's
privileges are theirs to change), except a privilege's name, which follows
the label its app declares. A new app's privileges therefore arrive with the
next `migrate`, already held by the roles it grants them to.
"""

from typing import Any

from django.apps.registry import Apps
from django.utils import translation

from openprm.core.catalog import collected


def privileges_and_roles_seed(*, apps: Apps, using: str, **_signal: Any) -> None:
    """post_migrate receiver; `apps` is the migrated state, so a database
    migrated only part of the way (before identity's tables) is skipped."""
    try:
        Privilege = apps.get_model("identity", "Privilege")
        Role = apps.get_model("identity", "Role")
    except LookupError:
        return
    declared = collected()
    stored = {p.code: p for p in Privilege.objects.using(using)}
    added: set[str] = set()
    with translation.override(None):
        for code, privilege in declared.privileges.items():
            name = str(privilege.label)
            if code not in stored:
                stored[code] = Privilege.objects.using(using).create(code=code, name=name)
                added.add(code)
            elif stored[code].name != name:
                stored[code].name = name
                stored[code].save(update_fields=["name"])
    for role in declared.roles.values():
        row, created = Role.objects.using(using).get_or_create(
            code=role.code,
            defaults={"name": role.name, "kind": role.kind, "for_partners": role.for_partners},
        )
        granted = declared.role_privileges(role.code)
        row.privileges.add(
            *(stored[code] for code in sorted(granted if created else granted & added))
        )
