"""Consent flags of a contact row as CON-9 preferences (issue 18).

Salesforce exports `HasOptedOutOfEmail` and `DoNotCall`; imported, they are
a *Do Not* preference with the reason Customer Request on the contact's
e-mail, or on each of its phones, from the day of the import, as if set on
the contact page. A flag that is no yes/no is a value left out.
"""

from typing import Any

from django.utils.translation import gettext as _

from openprm.contacts.models import ContactPoint, ContactPreference
from openprm.core.rules import parse_flag
from openprm.imports.kinds.base import MappedRow, ValueWarning

REASON = "CUSTOMER_REQUEST"
FLAGS = (("email_opt_out", ContactPoint.Kind.EMAIL), ("do_not_call", ContactPoint.Kind.PHONE))
FLAG_COLUMNS = frozenset(column for column, _kind in FLAGS)


def opted_out(row: MappedRow) -> tuple[frozenset[str], list[ValueWarning]]:
    """The kinds of contact point the row's flags close, and a warning for
    each flag that is not a yes/no."""
    kinds: set[str] = set()
    warnings = []
    for column, kind in FLAGS:
        written = row.data.get(column, "").strip()
        if not written:
            continue
        try:
            flag = parse_flag(written)
        except ValueError:
            warnings.append(ValueWarning(row.line, column, written, _("Enter yes or no.")))
            continue
        if flag:
            kinds.add(kind.value)
    return frozenset(kinds), warnings


def preference_rows(points: list[tuple[Any, ...]], closed: dict[int, frozenset[str]]) -> list:
    """`(contact_point_id, preference, reason_code)` for the inserted points
    (`(id, person_id, kind, …)` tuples) of kinds their person closed."""
    return [
        (point[0], ContactPreference.Choice.DO_NOT.value, REASON)
        for point in points
        if point[2] in closed.get(point[1], frozenset())
    ]
