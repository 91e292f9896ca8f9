"""An account's values in their stored form (CUS-4, IMP-1, issue 18): what a
page, the API and an import give is trimmed, coded and parsed the same way
before `customers.rules` checks it. Search keys for names live in
openprm.core.search; `search_key` stays importable from here.
"""

from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from typing import Any

from django.utils.translation import get_language

from openprm.core.phones import DEFAULT_PHONE_REGION, phone_e164
from openprm.core.rules import parse_flag, text
from openprm.core.search import search_key  # noqa: F401  the customers import path of the key
from openprm.customers.models import Account
from openprm.customers.readings import place, street

ADDRESS_FIELDS = ("address_line1", "address_line2", "city", "region", "postal_code", "country")
CONTACT_FIELDS = ("phone", "website", "tax_id")
TEXT_FIELDS = ("name", "industry", "size", "competitor_info", *CONTACT_FIELDS, *ADDRESS_FIELDS)
FLAGS = ("named", "existing")


def type_spellings() -> dict[str, str]:
    """Account types by their code and their lower-case label (in the
    language in use)."""
    return _type_spellings(get_language())


@lru_cache(maxsize=20)
def _type_spellings(_language: str | None) -> dict[str, str]:
    return {
        **{value: value for value in Account.AccountType.values},
        **{str(label).lower(): value for value, label in Account.AccountType.choices},
    }


def _revenue(raw: Any) -> Any:
    """A Decimal, None for blank, or the raw value for `state_errors` to refuse."""
    if raw in ("", None):
        return None
    try:
        return Decimal(str(raw).strip())
    except InvalidOperation:
        return raw


def _flag(raw: Any) -> Any:
    """A bool, or the raw value for `state_errors` to refuse."""
    try:
        return parse_flag(raw)
    except ValueError:
        return raw


def _phone(raw: str, country: str) -> str:
    """E.164 read in `country` (else the default region), or the raw text
    for `state_errors` to refuse."""
    if not raw:
        return ""
    return phone_e164(raw, country or DEFAULT_PHONE_REGION) or raw


def _website(raw: str) -> str:
    """A web site as exports write it ("www.acme.com", "acme.com") with
    https:// before it; a text with a scheme stays as given."""
    if raw and "://" not in raw:
        return f"https://{raw}"
    return raw


def normalized(
    values: Mapping[str, Any], types: Mapping[str, str] | None = None, country: str = ""
) -> dict[str, Any]:
    """The given values in their stored form: texts trimmed, the type as its
    code (`types`: `type_spellings()`, passed by a batch that reads it
    once), the country and region as ISO codes (a region alone is read in
    `country`), the currency upper-case, the revenue a Decimal and the flags
    bools — values that cannot be read stay as given, for `state_errors` to
    refuse. The phone is E.164, a national number read in the account's
    country; a web site without a scheme gets https://. Fields not given
    stay out."""
    result = dict(values)
    street(result)
    for name in TEXT_FIELDS:
        if name in result:
            result[name] = text(result[name])
    place(result, country)
    if "phone" in result:
        result["phone"] = _phone(result["phone"], str(result.get("country") or country))
    if "website" in result:
        result["website"] = _website(result["website"])
    if "account_type" in result:
        raw_type = text(result["account_type"])
        result["account_type"] = (types or type_spellings()).get(raw_type.lower(), raw_type)
    if "currency" in result:
        result["currency"] = text(result["currency"]).upper()
    if "annual_revenue" in result:
        result["annual_revenue"] = _revenue(result["annual_revenue"])
    for name in FLAGS:
        if name in result:
            result[name] = _flag(result[name])
    return result
