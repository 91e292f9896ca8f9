"""CON-7: the four predefined contact searches, read-only for everyone."""

from django.db import migrations

PREDEFINED = [
    ("my_contacts", "My Contacts", 10),
    ("my_favorites", "My Favorite Contacts", 20),
    ("my_team_territory", "My Team and Territory Contacts", 30),
    ("my_business", "My Business Contacts", 40),
]


def seed(apps, schema_editor):
    SavedSearch = apps.get_model("contacts", "SavedSearch")
    for code, name, position in PREDEFINED:
        SavedSearch.objects.update_or_create(
            code=code, defaults={"name": name, "position": position, "owner": None}
        )


def unseed(apps, schema_editor):
    apps.get_model("contacts", "SavedSearch").objects.filter(code__isnull=False).delete()


class Migration(migrations.Migration):
    dependencies = [("contacts", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
