"""Once seeded the PLAT-2 privileges and roles from the central catalog.

The apps now declare them in their own catalogs and `identity.seeding`
writes them after every `migrate` (a fresh database included), so this step
does nothing; it stays because later migrations depend on it by name.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("identity", "0001_initial")]
