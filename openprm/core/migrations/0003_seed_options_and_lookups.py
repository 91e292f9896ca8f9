"""Once seeded the PLAT-3 profile options and PLAT-4 lookups from the central
catalog.

The apps now declare them in their own catalogs and `core.seeding` writes
them after every `migrate` (a fresh database included), so this step does
nothing; it stays because later migrations depend on it by name.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("core", "0002_initial")]
