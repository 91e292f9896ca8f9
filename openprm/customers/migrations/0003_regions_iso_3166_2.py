"""Account regions become ISO 3166-2 codes where their country has
subdivisions and the stored text names one (`core.places`): "Bayern",
"Bavaria" and "BY" of a German account are all "DE-BY". Text that names
none stays as it was; an edit that keeps it is still accepted."""

from django.db import migrations

from openprm.core.places import region_code


def forwards(apps, schema_editor):
    Account = apps.get_model("customers", "Account")
    pairs = (
        Account.objects.exclude(region="")
        .values_list("country", "region")
        .order_by()
        .distinct()
    )
    for country, region in list(pairs):
        code = region_code(str(country or ""), region)
        if code and code != region:
            Account.objects.filter(country=country, region=region).update(region=code)


class Migration(migrations.Migration):
    dependencies = [("customers", "0002_account_sales_help_text")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
