"""A contact row's other phones: mobile and home (issue 18, CON-4).

Exports carry several numbers per person (Salesforce `MobilePhone` and
`HomePhone`, HubSpot's mobile number, Odoo's `mobile`); the first phone goes
through the contact create rules, these become further phone contact points
with their purpose. Each is read in the customer's country, as the first
phone is, and a number that is none is a value left out, not a lost row.
"""

from django.utils.translation import gettext as _

from openprm.contacts.models import ContactPoint
from openprm.contacts.rules import phone_e164
from openprm.imports.kinds.base import MappedRow, ValueWarning

OTHER_PHONES = (("mobile", ContactPoint.Purpose.MOBILE), ("home_phone", ContactPoint.Purpose.HOME))


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
