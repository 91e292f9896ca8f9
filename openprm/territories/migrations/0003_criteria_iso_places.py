"""Territory criteria name countries and regions by their ISO codes, as
account addresses now do (`core.places`, TER-2): runs before the accounts'
regions become codes, so a region criterion with no country criterion is
read in the country of the accounts it matched ("CA" of US accounts)."""

from django.db import migrations

from openprm.core.places import country_code, region_code, region_code_anywhere


def _countries(criterion, criteria, parents) -> set[str]:
    countries: set[str] = set()
    current, seen = criterion.territory_id, set()
    while current is not None and current not in seen:
        seen.add(current)
        countries |= {c.value for c in criteria if c.territory_id == current and c.dimension == "country"}
        current = parents.get(current)
    return countries


def _region(value: str, countries: set[str], accounts) -> str:
    if not countries:
        found = region_code_anywhere(value)
        if found:
            return found
        countries = {
            str(country)
            for country in accounts.filter(region__iexact=value)
            .exclude(country="")
            .values_list("country", flat=True)
            .distinct()
        }
    codes = {region_code(country, value) for country in countries}
    codes = {code for code in codes if code and "-" in code}
    return codes.pop() if len(codes) == 1 else value


def forwards(apps, schema_editor):
    Criterion = apps.get_model("territories", "TerritoryCriterion")
    Territory = apps.get_model("territories", "Territory")
    Account = apps.get_model("customers", "Account")
    parents = dict(Territory.objects.values_list("id", "parent_id"))
    criteria = list(Criterion.objects.filter(dimension__in=("country", "region")))
    for criterion in criteria:
        if criterion.dimension == "country":
            code = country_code(criterion.value) or criterion.value
            if code != criterion.value:
                criterion.value = code
                criterion.save(update_fields=["value"])
    for criterion in criteria:
        if criterion.dimension == "region":
            countries = _countries(criterion, criteria, parents)
            code = _region(criterion.value, countries, Account.objects)
            if code != criterion.value:
                criterion.value = code
                criterion.save(update_fields=["value"])


class Migration(migrations.Migration):
    dependencies = [("territories", "0002_realignment_steps"), ("customers", "0002_account_sales_help_text")]
    run_before = [("customers", "0003_regions_iso_3166_2")]

    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
