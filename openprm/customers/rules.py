"""What decides whether a new account is accepted and what of it is stored
(CUS-2, CUS-4, CUS-5, PLAT-7, IMP-1).

`accounts_check` is pure: `account_create` calls it with a batch of one and
the account and prospect imports with each batch of their file, so an
account typed on a page, posted to the API or read from a file is refused
with the same messages and stored with the same values; `account_update`
checks the edited state with the same `state_errors`. The checks that need
the database — the owner, the parent and the legal entity the author may
see, cycles (CUS-6), duplicates (`customers.duplicates`) — stay with the
callers.
"""

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field, fields
from decimal import Decimal
from functools import cache
from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.translation import gettext as _
from django_countries.fields import Country

from openprm.core.customfields.values import CustomDefinitions, custom_values_check
from openprm.core.phones import DEFAULT_PHONE_REGION, phone_e164
from openprm.core.places import country_code, has_regions, region_code
from openprm.core.rules import Errors, Refused, field_messages
from openprm.core.search import search_key
from openprm.customers.models import Account
from openprm.customers.normalize import (
    FLAGS,
    TEXT_FIELDS,
    normalized,
    type_spellings,
)
from openprm.customers.readings import size_for_count

LOOKUPS = (("industry", "INDUSTRY"), ("size", "ACCOUNT_SIZE"))
_url_validator = URLValidator(schemes=("http", "https"))
DEFAULTS: dict[str, Any] = {
    **dict.fromkeys(TEXT_FIELDS, ""),
    "account_type": "",
    "annual_revenue": None,
    "currency": "USD",
    "named": False,
    "existing": False,
}


@dataclass(slots=True)
class AccountDraft:
    """One new account as submitted: texts untrimmed, None for not given.

    `account_type` is a code or label in any case (blank takes the default
    type); `country` and `region` as people write them (`core.places`); the flags
    bools or yes/no words; `annual_revenue` a number or its text; `phone` as
    people write it (a national number is read in the account's country);
    `website` with or without its scheme ("www.acme.com").
    """

    name: str | None = None
    account_type: str | None = None
    industry: str | None = None
    size: str | None = None
    annual_revenue: Any = None
    currency: str | None = None
    named: bool | str | None = None
    existing: bool | str | None = None
    competitor_info: str | None = None
    phone: str | None = None
    website: str | None = None
    tax_id: str | None = None
    address_line1: str | None = None
    address_line2: str | None = None
    city: str | None = None
    region: str | None = None
    postal_code: str | None = None
    country: str | None = None
    custom: Mapping[str, Any] = field(default_factory=dict)

    def given(self) -> dict[str, Any]:
        return {name: value for name in DRAFT_FIELDS if (value := getattr(self, name)) is not None}


DRAFT_FIELDS = tuple(f.name for f in fields(AccountDraft) if f.name != "custom")
ACCOUNT_TYPES = frozenset(Account.AccountType.values)


@dataclass(frozen=True)
class AccountRuleData:
    """What the account rules read from the database, read once for a
    request or an import: the type an account gets when none is given
    (CUS-2), the active industry and size codes, the custom fields."""

    default_type: str
    lookups: Mapping[str, frozenset[str]]
    custom_fields: CustomDefinitions
    labels: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    """Per lookup, the code of each active value by its `search_key`ed label."""

    def lookup_code(self, lookup: str, value: str) -> str:
        """An industry or size written as its code or its label, in any case
        ("tech", "High Technology"), a size as a head count within the range
        its label gives ("250" is "Medium (100-999)"); the value itself when
        it names none."""
        codes = self.lookups.get(lookup, frozenset())
        if value in codes:
            return value
        key = search_key(value)
        by_code = {search_key(code): code for code in codes}
        found = by_code.get(key) or self.labels.get(lookup, {}).get(key)
        if found is None and lookup == "ACCOUNT_SIZE":
            found = size_for_count(value, self.labels.get(lookup, {}))
        return found or value


class NewAccount(NamedTuple):
    """The values stored for an accepted account (CUS-4: a Customer is a
    sales account)."""

    name: str
    name_search: str
    account_type: str
    is_sales_account: bool
    industry: str
    size: str
    annual_revenue: Decimal | None
    currency: str
    named: bool
    existing: bool
    competitor_info: str
    phone: str
    website: str
    tax_id: str
    address_line1: str
    address_line2: str
    city: str
    region: str
    postal_code: str
    country: str
    custom: dict[str, Any]


OWN_RULES = ("country", "phone")


@cache
def _text_limits() -> dict[str, int]:
    """The column width of each text with one (the country and the phone
    have their own rules)."""
    limits = {name: Account._meta.get_field(name).max_length for name in TEXT_FIELDS}
    return {name: limit for name, limit in limits.items() if limit and name not in OWN_RULES}


def _address_errors(state: Mapping[str, Any], errors: Errors, changed: Collection[str]) -> None:
    """CUS-4: a street address needs its city, postal code and country; the
    country, region or postal code alone are allowed (territory criteria).
    A region of a country with ISO 3166-2 subdivisions must be one of them
    when it or the country is `changed` (an edit keeps a region stored as
    free text before regions were codes)."""
    if state["address_line1"]:
        for name in ("city", "postal_code", "country"):
            if not state[name]:
                message = _("Required when the address has a first line.")
                errors.setdefault(name, []).append(message)
    elif state["address_line2"]:
        errors.setdefault("address_line1", []).append(
            _("Enter the first address line before the second.")
        )
    country = state["country"]
    if country and country_code(country) != country:
        message = _("“%(value)s” is not a country we know: write its name or ISO code.")
        errors.setdefault("country", []).append(message % {"value": country})
    elif (
        state["region"]
        and has_regions(country)
        and {"region", "country"} & set(changed)
        and region_code(country, state["region"]) != state["region"]
    ):
        message = _("“%(value)s” is not a region of %(country)s.")
        errors.setdefault("region", []).append(
            message % {"value": state["region"], "country": Country(country).name}
        )


def _contact_errors(state: Mapping[str, Any], errors: Errors) -> None:
    """The phone is a number phonenumbers reads (stored E.164 by
    `normalized`), the web site an http(s) URL by Django's validator."""
    phone = state["phone"]
    if phone and phone_e164(phone, DEFAULT_PHONE_REGION) != phone:
        errors.setdefault("phone", []).append(_("Enter a valid phone number."))
    website = state["website"]
    if website and "website" not in errors:
        try:
            _url_validator(website)
        except ValidationError:
            errors["website"] = [_("Enter a valid web site address, such as www.example.com.")]


def state_errors(
    state: Mapping[str, Any], lookups: Mapping[str, Collection[str]], changed: Collection[str]
) -> Errors:
    """The field errors of an account's whole (normalized) state, all at once.

    Industry and size must be active lookup codes when they are `changed`
    (an edit keeps a value retired since it was chosen); every text fits its
    column, as `full_clean` would say when the row is saved.
    """
    errors: Errors = {}
    if not state["name"]:
        errors["name"] = [_("This field is required.")]
    if state["account_type"] not in ACCOUNT_TYPES:
        errors["account_type"] = [_("Choose Prospect, Customer, Partner or Competitor.")]
    for name, limit in _text_limits().items():
        if len(state[name]) > limit:
            errors[name] = field_messages(Account._meta.get_field(name), state[name])
    _contact_errors(state, errors)
    _address_errors(state, errors, changed)
    currency = state["currency"]
    if not (len(currency) == 3 and currency.isalpha()):
        errors["currency"] = [_("Enter a three-letter ISO currency code.")]
    revenue = state["annual_revenue"]
    if revenue is not None:
        if not (isinstance(revenue, Decimal) and revenue.is_finite()):
            errors["annual_revenue"] = [_("Enter a number.")]
        elif revenue < 0:
            errors["annual_revenue"] = [_("Revenue cannot be negative.")]
        else:
            messages = field_messages(Account._meta.get_field("annual_revenue"), revenue)
            if messages:
                errors["annual_revenue"] = messages
    for name, lookup in LOOKUPS:
        if state[name] and name in changed and state[name] not in lookups.get(lookup, ()):
            errors[name] = [_("“%(value)s” is not a known value.") % {"value": state[name]}]
    for name in FLAGS:
        if not isinstance(state[name], bool):
            errors[name] = [_("Enter yes or no.")]
    return errors


def _checked(
    draft: AccountDraft, data: AccountRuleData, types: Mapping[str, str]
) -> NewAccount | Refused:
    given = normalized(draft.given(), types)
    state = {**DEFAULTS, **given}
    if not state["account_type"]:
        state["account_type"] = data.default_type
    for name, lookup in LOOKUPS:
        if state[name]:
            state[name] = data.lookup_code(lookup, state[name])
    errors = state_errors(state, data.lookups, given)
    custom, custom_errors = custom_values_check(data.custom_fields, draft.custom)
    errors.update(custom_errors)
    if errors:
        return Refused(errors)
    return NewAccount(
        **{name: state[name] for name in DEFAULTS},
        name_search=search_key(state["name"]),
        is_sales_account=state["account_type"] == Account.AccountType.CUSTOMER,
        custom=custom,
    )


def accounts_check(
    drafts: Sequence[AccountDraft], *, data: AccountRuleData
) -> list[NewAccount | Refused]:
    """For each draft, in order, the account to store or why it is refused.

    A name is required; the type is Prospect, Customer, Partner or
    Competitor, `data.default_type` when not given (CUS-2); a street address
    is complete (CUS-4); the phone is a valid number, the web site a URL,
    the tax ID at most 40 characters; the country is ISO 3166, the currency three
    letters, the revenue a non-negative amount with at most two decimals;
    industry and size are known lookup values, by code or label in any
    case; custom fields are checked
    against `data.custom_fields` (PLAT-7).
    """
    types = type_spellings()
    return [_checked(draft, data, types) for draft in drafts]
