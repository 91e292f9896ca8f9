"""Countries and regions as people write them (issue 18 "Countries and
regions as people write them"; CUS-4, TER-2, IMP-1), read from pycountry's
ISO 3166 data by `core.places`."""

import pytest
from django.utils import translation

from openprm.core.places import (
    country_code,
    region_code,
    region_code_anywhere,
    region_filter_values,
    region_name,
    split_hint,
)


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("United States", "US"),
        ("USA", "US"),
        ("U.S.", "US"),
        ("U.S.A.", "US"),
        ("us", "US"),
        ("Deutschland", "DE"),
        ("DEU", "DE"),
        ("Germany", "DE"),
        ("UK", "GB"),
        ("United Kingdom", "GB"),
        ("España", "ES"),
        ("Österreich", "AT"),
        ("Schweiz", "CH"),
        ("South Korea", "KR"),
        ("Turkey", "TR"),
        ("Türkiye", "TR"),
        ("Côte d'Ivoire", "CI"),
        ("  france ", "FR"),
    ],
)
def test_countries_as_people_write_them(written: str, code: str) -> None:
    assert country_code(written) == code


def test_an_unknown_country_is_none_and_a_blank_one_empty() -> None:
    assert country_code("Atlantis") is None
    assert country_code("") == ""


@pytest.mark.parametrize(
    ("country", "written", "code"),
    [
        ("DE", "Bayern", "DE-BY"),
        ("DE", "BY", "DE-BY"),
        ("DE", "by", "DE-BY"),
        ("DE", "Bavaria", "DE-BY"),
        ("DE", "DE-BY", "DE-BY"),
        ("DE", "Berlin (DE)", "DE-BE"),
        ("US", "CA", "US-CA"),
        ("US", "California", "US-CA"),
        ("US", "N.Y.", "US-NY"),
        ("CA", "Québec", "CA-QC"),
        ("CA", "Quebec", "CA-QC"),
        ("GB", "England", "GB-ENG"),
        ("AU", "NSW", "AU-NSW"),
        ("SE", "Stockholm", "SE-AB"),  # "Stockholms län"
    ],
)
def test_regions_become_iso_3166_2_codes_within_their_country(
    country: str, written: str, code: str
) -> None:
    assert region_code(country, written) == code


def test_a_region_of_a_country_with_subdivisions_must_be_one_of_them() -> None:
    assert region_code("DE", "Atlantis") is None
    assert region_code("", "Somewhere") == "Somewhere"


def test_odoo_writes_the_country_after_the_region() -> None:
    assert split_hint("Berlin (DE)") == ("Berlin", "DE")
    assert split_hint("Berlin") == ("Berlin", "")


def test_a_region_without_its_country_is_read_where_it_is_unambiguous() -> None:
    assert region_code_anywhere("Bayern") == "DE-BY"
    assert region_code_anywhere("DE-BY") == "DE-BY"
    assert region_code_anywhere("California") == "US-CA"
    assert region_code_anywhere("BY") is None  # a subdivision code of many countries


def test_pages_show_region_names_not_codes() -> None:
    with translation.override("en"):
        assert region_name("DE-BY") == "Bavaria"
        assert region_name("US-CA") == "California"
    assert region_name("Somewhere") == "Somewhere"
    assert region_name("") == ""


def test_a_region_filter_finds_codes_and_free_text() -> None:
    assert region_filter_values("Bayern") == ["Bayern", "DE-BY"]
    assert region_filter_values("BY", "Germany") == ["BY", "DE-BY"]
    assert region_filter_values("Somewhere") == ["Somewhere"]
