"""Normalized keys that make contact search and duplicate checks index-backed.

Names are searched by prefix on a lower-cased, accent-stripped column (a range
scan on an index), e-mails are stored lower-case and phones in E.164, so the
duplicate check of CON-2 is an equality lookup even at a million contacts.
"""

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from openprm.core.phones import DEFAULT_PHONE_REGION, format_phone, normalize_phone
from openprm.customers.normalize import search_key

__all__ = [
    "DEFAULT_PHONE_REGION",
    "format_phone",
    "normalize_email",
    "normalize_phone",
    "search_key",
]


def normalize_email(value: str) -> str:
    """Django's validator decides what an e-mail is; the key is lower-case."""
    email = (value or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError:
        raise ValueError(_("Enter a valid e-mail address.")) from None
    return email
