"""A contact row's mailing address (issue 18, CON-4).

Salesforce's `Mailing*`, HubSpot's address and Odoo's `street`/`city`
columns become the contact's primary address point; its country is also
where the row's phones are read, before the customer's country. Country and
region are read as people write them (`core.places`); one that cannot be
read is a value left out, not a lost row.
"""

from functools import cache

from django.utils.translation import gettext as _

from openprm.contacts.models import ContactPoint
from openprm.core.places import country_code, region_code
from openprm.imports.kinds.base import MappedRow, ValueWarning

ADDRESS_COLUMNS = ("address_line1", "address_line2", "city", "region", "postal_code", "country")
NEEDED = ("address_line1", "city", "postal_code")


def row_country(row: MappedRow) -> str:
    """The ISO code of the row's own country, "" when none is readable."""
    return country_code(row.data.get("country", "")) or ""


@cache
def _limits() -> dict[str, int]:
    """The column width of each address column that has one."""
    widths = {name: ContactPoint._meta.get_field(name).max_length for name in ADDRESS_COLUMNS}
    return {name: width for name, width in widths.items() if width}


def mailing_address(row: MappedRow) -> tuple[tuple[str, ...] | None, list[ValueWarning]]:
    """The address point's values in `ADDRESS_COLUMNS` order (None without
    a street, city or postal code), and the values left out."""
    values = {name: row.data.get(name, "").strip() for name in ADDRESS_COLUMNS}
    if not any(values.values()):
        return None, []
    lines = [line.strip() for line in values["address_line1"].splitlines() if line.strip()]
    if len(lines) > 1:
        values["address_line1"] = lines[0]
        values["address_line2"] = values["address_line2"] or ", ".join(lines[1:])
    warnings = []
    if values["country"]:
        code = row_country(row)
        if not code:
            message = _("“%(value)s” is not a country we know: write its name or ISO code.")
            warnings.append(row_warning(row, "country", message % {"value": values["country"]}))
        values["country"] = code
    if values["region"]:
        code = region_code(values["country"], values["region"])
        if not code:
            message = _("“%(value)s” is not a region of this country.")
            warnings.append(row_warning(row, "region", message % {"value": values["region"]}))
        values["region"] = code or ""
    for name, limit in _limits().items():
        if len(values[name]) > limit:
            message = _("Ensure this value has at most %(limit)d characters.")
            warnings.append(row_warning(row, name, message % {"limit": limit}))
            values[name] = ""
    if not any(values[name] for name in NEEDED):
        return None, warnings
    return tuple(values[name] for name in ADDRESS_COLUMNS), warnings


def row_warning(row: MappedRow, name: str, reason: str) -> ValueWarning:
    return ValueWarning(row.line, name, row.data.get(name, ""), reason)
