"""Contact address regions become ISO 3166-2 codes where the stored text
names one (`core.places`), as account regions do."""

from django.db import migrations

from openprm.core.places import region_code


def forwards(apps, schema_editor):
    ContactPoint = apps.get_model("contacts", "ContactPoint")
    pairs = (
        ContactPoint.objects.filter(kind="address")
        .exclude(region="")
        .values_list("country", "region")
        .order_by()
        .distinct()
    )
    for country, region in list(pairs):
        code = region_code(str(country or ""), region)
        if code and code != region:
            ContactPoint.objects.filter(kind="address", country=country, region=region).update(
                region=code
            )


class Migration(migrations.Migration):
    dependencies = [("contacts", "0004_person_name_statistics")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
