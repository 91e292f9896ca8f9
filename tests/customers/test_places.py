"""Issue 18 "Countries and regions as people write them": the account rules,
the API, the list filters and the stored regions read countries and regions
through `core.places` (CUS-4, IMP-1)."""

import importlib
from typing import Any

import pycountry
import pytest
from django.apps import apps
from django_countries import countries

from openprm.core import places
from openprm.customers.models import Account
from tests.customers.test_rules import accepted, errors
from tests.teams.helpers import account

pytestmark = pytest.mark.django_db


def test_cus_4_the_rules_store_countries_and_regions_as_iso_codes() -> None:
    usa = accepted(name="Acme", country="United States", region="California")
    assert (usa.country, usa.region) == ("US", "US-CA")
    bavaria = accepted(name="Acme", country="Deutschland", region="Bayern")
    assert (bavaria.country, bavaria.region) == ("DE", "DE-BY")
    assert accepted(name="Acme", country="DE", region="BY").region == "DE-BY"
    assert accepted(name="Acme", country="U.S.", region="ny").region == "US-NY"


def test_imp_1_codes_and_english_names_read_without_the_translations() -> None:
    """An import whose rows write "US" or "Germany" never reads the names
    of every language (a fifth of a second), and every code and English
    name of every country still reads as its code."""
    places.country_code.cache_clear()
    places._translated_country_names.cache_clear()
    for country in pycountry.countries:
        expected = country.alpha_2 if country.alpha_2 in countries else None
        for written in (country.alpha_2, country.alpha_3.lower(), country.name):
            assert places.country_code(written) == expected, written
    assert places.country_code("UK") == "GB"
    assert places._translated_country_names.cache_info().currsize == 0
    assert places.country_code("Deutschland") == "DE"
    assert places.country_code("Allemagne") == "DE"


def test_cus_4_odoo_s_region_names_its_country() -> None:
    """Odoo exports a state as "Berlin (DE)": the country comes with it."""
    odoo = accepted(name="Acme", region="Berlin (DE)")
    assert (odoo.country, odoo.region) == ("DE", "DE-BE")


def test_cus_4_errors_repeat_the_refused_value() -> None:
    assert errors(name="Acme", country="Atlantis") == {
        "country": ["“Atlantis” is not a country we know: write its name or ISO code."]
    }
    assert errors(name="Acme", country="DE", region="Narnia") == {
        "region": ["“Narnia” is not a region of Germany."]
    }


def test_cus_4_a_country_without_subdivisions_keeps_its_region_text() -> None:
    assert accepted(name="Acme", region="Somewhere").region == "Somewhere"


def test_cus_4_the_api_reads_countries_and_regions_as_people_write_them(
    api_client_for: Any, salesperson: Any
) -> None:
    client = api_client_for(salesperson)
    created = client.post(
        "/api/v1/accounts",
        {"name": "Münchner GmbH", "country": "Deutschland", "region": "Bavaria"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert (created.json()["country"], created.json()["region"]) == ("DE", "DE-BY")
    refused = client.post(
        "/api/v1/accounts",
        {"name": "Nowhere Inc", "country": "Atlantis"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert "“Atlantis”" in refused.json()["errors"][0]["message"]
    found = client.get("/api/v1/accounts", {"region": "Bayern"}).json()
    assert [a["name"] for a in found["items"]] == ["Münchner GmbH"]
    found = client.get("/api/v1/accounts", {"country": "Germany", "region": "BY"}).json()
    assert [a["name"] for a in found["items"]] == ["Münchner GmbH"]


def test_cus_4_an_edit_reads_a_region_in_the_account_s_own_country(
    api_client_for: Any, salesperson: Any
) -> None:
    client = api_client_for(salesperson)
    body = client.post(
        "/api/v1/accounts", {"name": "Acme", "country": "US"}, content_type="application/json"
    ).json()
    patched = client.patch(
        f"/api/v1/accounts/{body['id']}",
        {"version": 1, "region": "Texas"},
        content_type="application/json",
    )
    assert patched.json()["region"] == "US-TX"


def test_cus_4_pages_show_region_names_not_codes(
    client_for: Any, sales_admin: Any, make_account: Any
) -> None:
    acme = make_account(
        "Acme",
        address_line1="Marienplatz 1",
        city="München",
        postal_code="80331",
        country="DE",
        region="BY",
    )
    assert acme.region == "DE-BY"
    web = client_for(sales_admin)
    assert "Bavaria" in web.get(f"/customers/accounts/{acme.pk}/").content.decode()
    listing = web.get("/customers/accounts/").content.decode()
    assert "Bavaria" in listing
    assert "DE-BY" not in listing


def test_stored_free_text_regions_become_codes_by_the_data_migration() -> None:
    """Regions typed before they were codes: those that name a subdivision of
    their country become its ISO 3166-2 code, the others stay."""
    bavaria = account("Bavarian", country="DE", region="Bayern")
    california = account("Californian", country="US", region="CA")
    odd = account("Odd", country="US", region="Mars Colony")
    loose = account("Loose", region="Somewhere")
    migration = importlib.import_module("openprm.customers.migrations.0003_regions_iso_3166_2")
    migration.forwards(apps, None)
    regions = dict(Account.objects.values_list("name", "region"))
    assert regions[bavaria.name] == "DE-BY"
    assert regions[california.name] == "US-CA"
    assert regions[odd.name] == "Mars Colony"
    assert regions[loose.name] == "Somewhere"


def test_imp_1_lookup_values_by_code_or_label_in_any_case(
    api_client_for: Any, salesperson: Any
) -> None:
    """Issue 18 "Lookup values by code or label, case-insensitive": an
    industry or size is stored as its code however it is written."""
    client = api_client_for(salesperson)
    created = client.post(
        "/api/v1/accounts",
        {"name": "Acme", "industry": "high technology", "size": "Medium (100-999)"},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    assert (created.json()["industry"], created.json()["size"]) == ("TECH", "MEDIUM")
    patched = client.patch(
        f"/api/v1/accounts/{created.json()['id']}",
        {"version": 1, "industry": "retail"},
        content_type="application/json",
    )
    assert patched.json()["industry"] == "RETAIL"
    refused = client.post(
        "/api/v1/accounts",
        {"name": "Globex", "industry": "Basket weaving"},
        content_type="application/json",
    )
    assert refused.json()["errors"][0]["message"] == "“Basket weaving” is not a known value."
