"""Countries and regions as people write them (CUS-4, TER-2, IMP-1).

Exports and forms name a country "United States", "USA", "U.S.", "us",
"Deutschland" or "DEU", and a region "CA", "California", "Bayern",
"Bavaria" or, from Odoo, "Berlin (DE)". Every spelling is read from
pycountry's ISO 3166 data and its translations, and django-countries' old
and common names (never a hand list), so the
account rules, the API and territory criteria agree: a country is stored as
its ISO 3166-1 alpha-2 code and a region as its ISO 3166-2 code ("US-CA",
"DE-BY") where the country has subdivisions, which is what lets a territory
criterion written "Bayern" match an account written "BY".
"""

import gettext
import re
from collections import defaultdict
from functools import cache, lru_cache
from pathlib import Path

import pycountry
from django.conf import settings
from django.utils.translation import get_language
from django_countries import countries

from openprm.core.search import search_key

# ISO 3166/MA's one "exceptionally reserved" code in everyday use: the
# United Kingdom writes itself UK (its .uk domain), its ISO code is GB.
EXCEPTIONAL_RESERVATIONS = {"UK": "GB"}
COUNTRY_HELP = (
    'An ISO 3166-1 code or the country\'s name as people write it ("Deutschland", '
    '"U.S."); stored and returned as the alpha-2 code.'
)
REGION_HELP = (
    'A region or state by its code or name ("BY", "Bayern", "Bavaria"); stored and '
    'returned as its ISO 3166-2 code ("DE-BY") where the country has subdivisions.'
)
_HINT = re.compile(r"^(?P<name>.*?)\s*\((?P<country>[A-Za-z]{2})\)\s*$")


def _key(text: str) -> str:
    """Case, accents, dots and extra spaces do not matter: "U.S." is "us"."""
    return search_key(text.replace(".", " ").replace(",", " ")).replace(" ", "")


def _catalogs(domain: str, languages: list[str] | None = None) -> list[dict[str, str]]:
    """pycountry's translations of `domain`, msgid -> translated name, for
    `languages` (every language shipped when None)."""
    root = Path(pycountry.LOCALES_DIR)
    names = languages if languages is not None else sorted(p.name for p in root.iterdir())
    found = []
    for language in names:
        path = root / language / "LC_MESSAGES" / f"{domain}.mo"
        if path.exists():
            with path.open("rb") as stream:
                found.append(dict(gettext.GNUTranslations(stream)._catalog))
    return found


@cache
def _country_spellings() -> dict[str, str]:
    """The spellings every country is written with most: codes, English
    names, UK, and django-countries' retired and common names, keyed by
    `_key`. Read without pycountry's translations, so an import of rows
    that write "US" or "Germany" never loads them."""
    index: dict[str, str] = {}
    for country in pycountry.countries:
        code = country.alpha_2
        for attribute in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                index.setdefault(_key(value), code)
    for alias, code in EXCEPTIONAL_RESERVATIONS.items():
        index.setdefault(_key(alias), code)
    # django-countries keeps the names ISO retired ("Turkey", "Swaziland")
    # and the common ones ("South Korea").
    for code, names in countries.OLD_NAMES.items():
        for name in names:
            index.setdefault(_key(name), code)
    for code, name in countries.COMMON_NAMES.items():
        index.setdefault(_key(str(name)), code)
    return index


@cache
def _translated_country_names() -> dict[str, str]:
    """The names in every language pycountry ships that are not already a
    spelling of `_country_spellings`; a name two countries share in
    different languages is left out (about 0.2 s to read, once)."""
    english: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("alpha_2", "alpha_3", "name", "official_name", "common_name"):
            value = getattr(country, attribute, None)
            if value:
                english[value] = country.alpha_2
    spellings = _country_spellings()
    translated: dict[str, set[str]] = defaultdict(set)
    for catalog in _catalogs("iso3166-1"):
        for source, name in catalog.items():
            if source in english and name:
                translated[_key(name)].add(english[source])
    return {
        key: codes.pop()
        for key, codes in translated.items()
        if key not in spellings and len(codes) == 1
    }


def split_hint(value: str) -> tuple[str, str]:
    """Odoo writes a region with its country: "Berlin (DE)" is ("Berlin", "DE")."""
    match = _HINT.match(value or "")
    if match:
        return match["name"].strip(), match["country"].upper()
    return (value or "").strip(), ""


@lru_cache(maxsize=4000)
def country_code(value: str) -> str | None:
    """The ISO 3166-1 alpha-2 code of a country written as its code (any
    case, alpha-2 or alpha-3), its name in any language pycountry knows, or
    with dots ("U.S."); "" for a blank value, None when nothing matches."""
    text = (value or "").strip()
    if not text:
        return ""
    name, hint = split_hint(text)
    if hint and not name:
        text = hint
    key = _key(text)
    code = _country_spellings().get(key) or _translated_country_names().get(key)
    return code if code in countries else None


def _region_languages() -> list[str]:
    """English names ("Bavaria") and those of the site's languages."""
    return sorted({"en", *(code.split("-")[0] for code, _name in settings.LANGUAGES)})


@cache
def _region_index(country: str) -> dict[str, str]:
    """The spellings of a country's subdivisions: the code with and without
    the country ("DE-BY", "BY"), the name and its translations in
    `_region_languages`. A first-level subdivision wins a spelling it
    shares with a lower one."""
    subdivisions = sorted(
        pycountry.subdivisions.get(country_code=country) or (),
        key=lambda s: (s.parent_code is not None, s.code),
    )
    catalogs = _translations()
    index: dict[str, str] = {}
    for subdivision in subdivisions:
        code = subdivision.code
        spellings = [code, code.split("-", 1)[1], subdivision.name]
        spellings += [c[subdivision.name] for c in catalogs if c.get(subdivision.name)]
        for spelling in spellings:
            index.setdefault(_key(spelling), code)
    return index


@cache
def _translations() -> list[dict[str, str]]:
    return _catalogs("iso3166-2", _region_languages())


def has_regions(country: str) -> bool:
    """Whether ISO 3166-2 lists subdivisions of `country`."""
    return bool(country) and bool(_region_index(country.upper()))


def region_code(country: str, value: str) -> str | None:
    """The ISO 3166-2 code of a region of `country` written as its code
    ("BY", "DE-BY") or its name in English, its own language or the site's
    ("Bayern", "Bavaria", Odoo's "Bayern (DE)"), or the start of one name
    only ("Stockholm" for "Stockholms län"); the trimmed text for a
    country without subdivisions (or none given); None when the country
    has subdivisions and none is written so."""
    name, _hint = split_hint(value)
    if not name:
        return ""
    if not has_regions(country):
        return name
    index = _region_index(country.upper())
    key = _key(name)
    if key in index:
        return index[key]
    # "Stockholm" for "Stockholms län", "Brussels" for "Brussels-Capital Region".
    starting = {
        code for spelling, code in index.items() if len(key) > 3 and spelling.startswith(key)
    }
    return starting.pop() if len(starting) == 1 else None


def region_code_anywhere(value: str) -> str | None:
    """A region written without its country: a full ISO 3166-2 code, or a
    name only one country's subdivisions have; None otherwise."""
    name, hint = split_hint(value)
    if hint:
        return region_code(hint, name)
    if "-" in name:
        country, _rest = name.split("-", 1)
        if len(country) == 2 and has_regions(country):
            found = region_code(country, name)
            if found:
                return found
    found = set(_names_anywhere().get(_key(name), ()))
    return found.pop() if len(found) == 1 else None


@cache
def _names_anywhere() -> dict[str, set[str]]:
    names: dict[str, set[str]] = defaultdict(set)
    catalogs = _translations()
    for subdivision in pycountry.subdivisions:
        for spelling in (
            subdivision.name,
            *(c[subdivision.name] for c in catalogs if c.get(subdivision.name)),
        ):
            names[_key(spelling)].add(subdivision.code)
    return names


def region_name(value: str) -> str:
    """What a page shows for a stored region: the subdivision's name in the
    language in use ("Bavaria" in English) for an ISO 3166-2 code, the
    stored text otherwise."""
    if not value or "-" not in value:
        return value or ""
    subdivision = pycountry.subdivisions.get(code=value.upper())
    if subdivision is None:
        return value
    language = (get_language() or settings.LANGUAGE_CODE).split("-")[0]
    for catalog in _catalogs_for(language):
        if catalog.get(subdivision.name):
            return catalog[subdivision.name]
    return subdivision.name


@lru_cache(maxsize=8)
def _catalogs_for(language: str) -> list[dict[str, str]]:
    return _catalogs("iso3166-2", [language])


def region_filter_values(value: str, country: str = "") -> list[str]:
    """What a region filter matches: the text as typed (a region stored as
    free text) and the ISO 3166-2 code it names, read in `country` when the
    filter has one, so "Bayern", "BY" with Germany and "DE-BY" find the
    same accounts."""
    text = (value or "").strip()
    code = country_code(country) if country else ""
    found = region_code(code, text) if code else region_code_anywhere(text)
    return [text, *([found] if found and found != text else [])]
