"""Normalized keys that make contact search and duplicate checks index-backed.

Names are searched by prefix on a lower-cased, accent-stripped column (a range
scan on an index), e-mails are stored lower-case and phones in E.164, so the
duplicate check of CON-2 is an equality lookup even at a million contacts.
"""

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from openprm.customers.normalize import search_key

__all__ = ["format_phone", "normalize_email", "normalize_phone", "search_key"]

DEFAULT_PHONE_REGION = "US"


def normalize_email(value: str) -> str:
    """Django's validator decides what an e-mail is; the key is lower-case."""
    email = (value or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValueError(_("Enter a valid e-mail address.")) from None
    return email


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


def format_phone(e164: str) -> str:
    """The international display form of a stored E.164 number."""
    try:
        parsed = phonenumbers.parse(e164, None)
    except phonenumbers.NumberParseException:
        return e164
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.INTERNATIONAL)
