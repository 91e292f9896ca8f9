"""Phone numbers as every app stores them: E.164, parsed by phonenumbers
(contacts' phones CON-4, accounts' switchboard numbers)."""

from functools import lru_cache

import phonenumbers
from django.utils.translation import gettext as _

DEFAULT_PHONE_REGION = "US"


def normalize_phone(value: str, region: str | None = None) -> str:
    """E.164 via phonenumbers; national numbers are read in `region` (the
    address country) or the United States."""
    try:
        parsed = phonenumbers.parse((value or "").strip(), region or DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        raise ValueError(_("Enter a valid phone number.")) from None
    if not phonenumbers.is_valid_number(parsed):
        raise ValueError(_("Enter a valid phone number."))
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


@lru_cache(maxsize=200_000)
def phone_e164(value: str, region: str) -> str:
    """`normalize_phone` once per distinct number and region (files repeat
    switchboard numbers, and phonenumbers costs tens of µs a call); empty
    when the number is not valid."""
    try:
        return normalize_phone(value, region)
    except ValueError:
        return ""


def format_phone(e164: str) -> str:
    """The international display form of a stored E.164 number."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
