"""Seed the privileges and job/duty roles SPEC.md names (PLAT-2)."""

from django.db import migrations

from openprm.core.privileges import CATALOG
from openprm.identity.catalog import ROLES


def seed(apps, schema_editor):
    Privilege = apps.get_model("identity", "Privilege")
    Role = apps.get_model("identity", "Role")
    privileges = {}
    for code, name in CATALOG.items():
        privileges[code], _ = Privilege.objects.get_or_create(code=code, defaults={"name": str(name)})
    for spec in ROLES:
        role, created = Role.objects.get_or_create(
            code=spec["code"],
            defaults={"name": spec["name"], "kind": spec["kind"], "for_partners": spec["for_partners"]},
        )
        if created:
            role.privileges.set([privileges[c] for c in spec["privileges"]])


class Migration(migrations.Migration):
    dependencies = [("identity", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
