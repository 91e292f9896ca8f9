"""Finer planner statistics on contact full names (PostgreSQL only).

With the default 100 histogram buckets PostgreSQL took 5,400 contacts whose
full name starts with "jac" for 125 and sorted them all instead of walking the
name-prefix index in list order (contacts.filters.name_arms).
"""

from django.db import migrations


def finer_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("contacts", "Person")._meta.db_table
        schema_editor.execute(
            f"ALTER TABLE {table} ALTER COLUMN name_search SET STATISTICS 1000"
        )


def default_statistics(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        table = apps.get_model("contacts", "Person")._meta.db_table
        schema_editor.execute(f"ALTER TABLE {table} ALTER COLUMN name_search SET STATISTICS -1")


class Migration(migrations.Migration):
    dependencies = [("contacts", "0003_person_name_order")]

    operations = [migrations.RunPython(finer_statistics, default_statistics)]
