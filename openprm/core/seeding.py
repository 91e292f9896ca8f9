"""The profile options and lookups the apps declare, written to the database
after every `migrate` (PLAT-3, PLAT-4).

A declaration the database lacks is created, with its default value; one it
has is left as administrators set it. A new app's options and lookups
therefore arrive with the next `migrate`, without a migration in core. Lookup
types seeded here are `system` (rules rely on them), so their values are
never deleted, only deactivated, and a value created here once is not
created again behind an administrator's back.
"""

from typing import Any

from django.apps.registry import Apps

from openprm.core.catalog import collected


def options_and_lookups_seed(*, apps: Apps, using: str, **_signal: Any) -> None:
    """post_migrate receiver; `apps` is the migrated state, so a database
    migrated only part of the way (before core's tables) is skipped."""
    try:
        ProfileOption = apps.get_model("core", "ProfileOption")
        LookupType = apps.get_model("core", "LookupType")
        LookupValue = apps.get_model("core", "LookupValue")
    except LookupError:
        return
    declared = collected()
    for option in declared.options.values():
        ProfileOption.objects.using(using).get_or_create(
            code=option.code,
            defaults={
                "name": option.name,
                "description": option.description,
                "value_type": option.value_type,
                "choices": list(option.choices),
                "default_value": option.default_value,
                "value": option.default_value,
            },
        )
    for lookup in declared.lookups.values():
        lookup_type, _created = LookupType.objects.using(using).get_or_create(
            code=lookup.code,
            defaults={"name": lookup.name, "description": lookup.description, "system": True},
        )
        for position, value in enumerate(lookup.values, start=1):
            LookupValue.objects.using(using).get_or_create(
                lookup_type=lookup_type,
                code=value.code,
                defaults={
                    "meaning": value.meaning,
                    "tags": list(value.tags),
                    "position": position * 10,
                },
            )
