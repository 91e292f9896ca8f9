"""Issue 18 "Countries and regions as people write them": territory criteria
hold the ISO codes account addresses are stored in, so "Bayern" and "BY"
match the same accounts (TER-2, TER-3)."""

import importlib
from typing import Any

import pytest
from django.apps import apps

from openprm.core.errors import ValidationFailed
from openprm.customers import services as customer_services
from openprm.territories import services
from openprm.territories.models import AccountTerritory, TerritoryCriterion
from tests.factories import as_actor
from tests.teams.helpers import account, territory

pytestmark = pytest.mark.django_db


def _add(actor: Any, where: Any, dimension: str, value: str) -> TerritoryCriterion:
    return services.criterion_add(actor=actor, territory=where, dimension=dimension, value=value)


def test_ter_2_region_criteria_match_bayern_and_by_alike(sales_admin: Any) -> None:
    actor = as_actor(sales_admin)
    germany = services.territory_create(actor=actor, data={"name": "Germany"})
    assert _add(actor, germany, "country", "Deutschland").value == "DE"
    south = services.territory_create(actor=actor, data={"name": "South", "parent_id": germany.pk})
    assert _add(actor, south, "region", "BY").value == "DE-BY"
    bavaria = services.territory_create(actor=actor, data={"name": "Bavaria"})
    assert _add(actor, bavaria, "region", "Bayern").value == "DE-BY"
    created = customer_services.account_create(
        actor=actor, data={"name": "Münchner GmbH", "country": "Germany", "region": "Bavaria"}
    )
    names = set(
        AccountTerritory.objects.filter(account=created).values_list("territory__name", flat=True)
    )
    assert names == {"Germany", "South", "Bavaria"}


def test_ter_2_a_criterion_it_cannot_read_repeats_the_value(sales_admin: Any) -> None:
    actor = as_actor(sales_admin)
    anywhere = services.territory_create(actor=actor, data={"name": "Anywhere"})
    with pytest.raises(ValidationFailed) as refused:
        _add(actor, anywhere, "region", "BY")  # Belarus? Bavaria? no country says
    assert "“BY”" in refused.value.field_errors["value"][0]
    with pytest.raises(ValidationFailed) as refused:
        _add(actor, anywhere, "country", "Atlantis")
    assert "“Atlantis”" in refused.value.field_errors["value"][0]


def test_ter_2_stored_criteria_become_codes_by_the_data_migration() -> None:
    """A region criterion under a country criterion is read in that country;
    one without is read in the country of the accounts it matched."""
    us = territory("US", country="us")
    west = territory("West", region="California")
    west.parent = us
    west.save()
    territory("Loose", region="TX")
    account("Texan", country="US", region="TX")
    migration = importlib.import_module("openprm.territories.migrations.0003_criteria_iso_places")
    migration.forwards(apps, None)
    values = dict(TerritoryCriterion.objects.values_list("territory__name", "value"))
    assert values == {"US": "US", "West": "US-CA", "Loose": "US-TX"}


def test_ter_2_the_territory_page_shows_region_names(sales_admin: Any, client_for: Any) -> None:
    actor = as_actor(sales_admin)
    bavaria = services.territory_create(actor=actor, data={"name": "Bavaria team"})
    _add(actor, bavaria, "region", "Bayern")
    page = client_for(sales_admin).get(f"/territories/{bavaria.pk}/").content.decode()
    assert "<td>Bavaria</td>" in page
    assert "DE-BY" not in page
