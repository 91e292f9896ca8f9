"""Pieces shared by the pure create rules of the apps (`contacts.rules`,
`customers.rules`).

A create rule takes a batch of raw rows and the reference data it needs, and
answers for each row, in order, either the values to store or a `Refused`
with the field errors. It reads no database and knows no actor, so the
one-row service (a batch of one) and the bulk import (a batch of thousands,
prepared in a second process) decide "accept or reject" and "what exactly is
stored" by the same code (IMP-1).
"""

from typing import Any, NamedTuple

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

TRUE_WORDS = frozenset({"true", "yes", "y", "1", "on", "x"})
FALSE_WORDS = frozenset({"false", "no", "n", "0", "off", ""})

Errors = dict[str, list[str]]


class Refused(NamedTuple):
    """A row the rules refuse: messages by field, in the order of the form."""

    errors: Errors


def text(value: Any) -> str:
    """A submitted text trimmed; not given is empty."""
    return "" if value is None else str(value).strip()


def parse_flag(value: bool | str | None) -> bool:
    """A yes/no value: a bool as it is, a word as a spreadsheet writes it
    (yes, no, x, true, 1, blank…); anything else raises ValueError."""
    if value is None or isinstance(value, bool):
        return bool(value)
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ValueError(_("Enter yes or no."))


def field_messages(field: models.Field[Any, Any], value: Any) -> list[str]:
    """What the model field's own validators (length, digits) say of
    `value`: the messages `full_clean` gives when the row is saved, found
    here before anything is written. A text short enough is passed without
    calling them (an import checks millions)."""
    limit = getattr(field, "max_length", None)
    if isinstance(value, str) and (limit is None or len(value) <= limit):
        return []
    try:
        field.run_validators(value)
    except ValidationError as error:
        return list(error.messages)
    return []
