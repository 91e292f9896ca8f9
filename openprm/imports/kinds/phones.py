"""A contact row's other phones: mobile, home and other (issue 18, CON-4).

Exports carry several numbers per person (Salesforce `MobilePhone`,
`HomePhone` and `OtherPhone`, HubSpot's mobile number, Odoo's `mobile`);
the first phone goes through the contact create rules, these become further
phone contact points with their purpose. Each is read in the customer's country, as the first
phone is, and a number that is none is a value left out, not a lost row.
"""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from openprm.contacts.models import ContactPoint
from openprm.contacts.rules import phone_e164
from openprm.imports.kinds.base import MappedRow, ValueWarning

OTHER_PHONES = (
    ("mobile", ContactPoint.Purpose.MOBILE),
    ("home_phone", ContactPoint.Purpose.HOME),
    ("other_phone", ContactPoint.Purpose.OTHER),
)
PHONE_COLUMNS = frozenset(column for column, _purpose in OTHER_PHONES)


def other_phones(
    row: MappedRow, region: str, first_phone: str
) -> tuple[list[tuple[str, str]], list[ValueWarning]]:
    """`(purpose, E.164 number)` of the row's other phones, read in
    `region`, without repeating `first_phone` or each other; a warning for
    each that is not a phone number."""
    found: list[tuple[str, str]] = []
    warnings: list[ValueWarning] = []
    seen = {first_phone} - {""}
    for column, purpose in OTHER_PHONES:
        written = row.data.get(column, "").strip()
        if not written:
            continue
        number = phone_e164(written, region)
        if not number:
            warnings.append(
                ValueWarning(row.line, column, written, _("Enter a valid phone number."))
            )
        elif number not in seen:
            seen.add(number)
            found.append((purpose.value, number))
    return found, warnings


def numbers_of(clean: Mapping[str, Any]) -> list[str]:
    """A cleaned contact row's phone and other phones: each one the same as
    another contact's makes the row a CON-2 duplicate ("same phone"), a
    mobile number as much as a work one."""
    first, others = clean["phone"], clean["other_phones"]
    if not others:  # most rows: no other phones
        return [first] if first else []
    return [n for n in (first, *(n for _p, n in others)) if n]


def compared_values(clean: Mapping[str, Any], what: str) -> list[str]:
    """The row's values CON-2 compares for `what` ("email" or "phone")."""
    if what == "phone":
        return numbers_of(clean)
    return [clean[what]] if clean[what] else []
