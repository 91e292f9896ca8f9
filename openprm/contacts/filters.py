"""The one filter definition of the contact list, shared by the page, the API,
the export and saved searches (CON-7, CON-8).

Text terms are matched by prefix on normalized indexed columns (names,
e-mails, E.164 phones) and through EXISTS subqueries, so a filter never
multiplies rows nor scans the table.
"""

from collections.abc import Mapping
from typing import Any, ClassVar

import phonenumbers
from django.db import connection
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _
from ninja import FilterSchema
from pydantic import ValidationError, field_validator

from openprm.contacts.models import NAME_PREFIX_LENGTH, ContactPoint, Person, Relationship
from openprm.contacts.normalize import DEFAULT_PHONE_REGION, search_key
from openprm.core.apikit.types import RecordId
from openprm.core.customfields.values import custom_filter
from openprm.core.errors import ValidationFailed
from openprm.core.search import RANGE_END, key_prefix_q

MIN_TERM_LENGTH = 2
CUSTOM_PREFIX = "custom."
TEXT_TERMS = ("q", "email", "phone")


def _points(condition: Q, **lookups: Any) -> Q:
    return Q(Exists(ContactPoint.objects.filter(condition, person=OuterRef("pk"), **lookups)))


def phone_search_key(value: str) -> str:
    """E.164 prefix for a typed phone: `+1 415` → `+1415`; national input is
    read in the default region."""
    digits = "".join(c for c in value if c.isdigit())
    if value.strip().startswith("+"):
        return "+" + digits
    try:
        parsed = phonenumbers.parse(value, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        return digits
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


class ContactFilter(FilterSchema):
    custom_field_filters: ClassVar[bool] = True  # `custom.<name>` too (PLAT-7)
    q: str | None = None
    email: str | None = None
    phone: str | None = None
    kind: Person.Kind | None = None
    key_contact: bool | None = None
    account: RecordId | None = None

    @field_validator("phone")
    @classmethod
    def phone_has_digits(cls, value: str | None) -> str | None:
        """A phone term without a digit matches no number; it is refused rather
        than answered as if no phone had been asked for."""
        if value and value.strip() and not any(c.isdigit() for c in value):
            raise ValueError(_("A phone number needs at least one digit."))
        return value

    def filter_q(self, value: str | None) -> Q:
        """Name prefix: `john sm` finds John Smith, `smi` finds every Smith.
        (The contact list applies it as `name_arms` instead.)"""
        arms = name_arms(value)
        return arms[0] | arms[1] if arms else Q()

    def filter_email(self, value: str | None) -> Q:
        key = (value or "").strip().lower()
        if not key:
            return Q()
        return _points(key_prefix_q("email", key), kind=ContactPoint.Kind.EMAIL)

    def filter_phone(self, value: str | None) -> Q:
        key = phone_search_key(value or "") if (value or "").strip() else ""
        if not key:
            return Q()
        return _points(key_prefix_q("phone", key), kind=ContactPoint.Kind.PHONE)

    def filter_key_contact(self, value: bool | None) -> Q:
        return Q() if value is None else Q(is_key_contact=value)

    def filter_account(self, value: int | None) -> Q:
        if value is None:
            return Q()
        return Q(Exists(Relationship.objects.filter(person=OuterRef("pk"), account_id=value)))

    def has_search_term(self, custom: Mapping[str, Any]) -> bool:
        """CON-8: at least one text term of two characters or more."""
        terms = [getattr(self, name) or "" for name in TEXT_TERMS]
        terms += [str(v) for v in custom.values()]
        return any(len(term.strip()) >= MIN_TERM_LENGTH for term in terms)


FEW_FULL_NAMES = 1000


def full_names_are_few(text: str | None) -> bool:
    """Whether at most FEW_FULL_NAMES contacts' full names start with `text`
    (counted on the name index, and no further), which decides how the
    full-name arm is read: a few are found by their range and sorted; many
    are walked in list order within their first letters. SQLite, without
    statistics, would walk even for three names."""
    key = search_key(text or "")
    table = Person._meta.db_table
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM (SELECT 1 FROM {table} "  # noqa: S608  name from _meta
            f"WHERE name_search >= %s AND name_search < %s LIMIT {FEW_FULL_NAMES + 1}) names",
            [key, key + RANGE_END],
        )
        return cursor.fetchone()[0] <= FEW_FULL_NAMES


def name_arms(text: str | None, *, few_full_names: bool = True) -> list[Q]:
    """The two alternatives of a name search — full name, last name — so a
    page is read arm by arm (core.paged_union). Full names first: their last
    names spread over the whole list, so the last-name walk, bunched at the
    term, usually stops at once.

    The last name is an index walk in list order (`contact_person_name_order`).
    Full names starting with the term are found by their range and sorted
    when they are few (`full_names_are_few`); otherwise walked in list order
    within their first two letters (`contact_person_prefix_order`), the rest
    of the term checked in the index. (PostgreSQL picks the walk only with
    finer statistics on `name_search`, set by migration 0004.)
    """
    key = search_key(text or "")
    if not key:
        return []
    full = key_prefix_q("name_search", key)
    if len(key) >= NAME_PREFIX_LENGTH and not few_full_names:
        full &= Q(name_prefix=key[:NAME_PREFIX_LENGTH])
    return [full, key_prefix_q("last_name_search", key)]


def custom_terms(params: Mapping[str, Any]) -> dict[str, Any]:
    """`custom.<name>=value` query parameters as `{name: value}` (PLAT-7 search)."""
    return {
        key.removeprefix(CUSTOM_PREFIX): value
        for key, value in params.items()
        if key.startswith(CUSTOM_PREFIX) and value not in (None, "")
    }


def criteria_clean(criteria: Mapping[str, Any]) -> dict[str, Any]:
    """The stored criteria of a saved search: known filters only, valid values."""
    plain = {k: v for k, v in criteria.items() if not k.startswith(CUSTOM_PREFIX)}
    unknown = set(plain) - set(ContactFilter.model_fields)
    if unknown:
        raise ValidationFailed(
            field_errors={f"criteria.{k}": [_("Unknown filter.")] for k in sorted(unknown)}
        )
    try:
        ContactFilter(**plain)
    except ValidationError as error:
        raise ValidationFailed(
            field_errors={
                "criteria." + ".".join(str(p) for p in e["loc"]): [e["msg"]] for e in error.errors()
            }
        ) from None
    custom_filter(Person.objects.none(), Person.record_type, custom_terms(criteria))
    return {k: v for k, v in criteria.items() if v not in (None, "")}
