"""Seed the profile options and lookups SPEC.md names (PLAT-3, PLAT-4)."""

from django.db import migrations

from openprm.core.lookups.catalog import LOOKUPS
from openprm.core.options.catalog import OPTIONS


def seed(apps, schema_editor):
    ProfileOption = apps.get_model("core", "ProfileOption")
    LookupType = apps.get_model("core", "LookupType")
    LookupValue = apps.get_model("core", "LookupValue")
    for option in OPTIONS:
        ProfileOption.objects.get_or_create(
            code=option["code"], defaults={**option, "value": option["default_value"]}
        )
    for lookup in LOOKUPS:
        lookup_type, _ = LookupType.objects.get_or_create(
            code=lookup["code"],
            defaults={"name": lookup["name"], "description": lookup["description"], "system": True},
        )
        for position, (code, meaning, tags) in enumerate(lookup["values"], start=1):
            LookupValue.objects.get_or_create(
                lookup_type=lookup_type,
                code=code,
                defaults={"meaning": meaning, "tags": tags, "position": position * 10},
            )


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
