"""Presets for the exports of the products customers come from (issue 18).

A preset knows one product's export of one kind of record: the headers that
identify it, the field each of its columns feeds and the values of its
picklists in ours. Recognised from a file's header, it suggests the whole
column mapping and the value mapping step's suggestions; the user still
sees and may change both. Headers are compared by `search_key`, so the API
names of a Salesforce data export ("BillingCity") and the labels of a report
export ("Billing City") are both listed.
"""

from openprm.imports.presets.hubspot import HUBSPOT
from openprm.imports.presets.odoo import ODOO
from openprm.imports.presets.preset import Preset
from openprm.imports.presets.salesforce import SALESFORCE

MIN_MATCHED = 3
"""Signature headers a file must have for its preset to be recognised."""

PRESETS = (*SALESFORCE, *HUBSPOT, *ODOO)


def detect(kind: str, header: list[str]) -> Preset | None:
    """The preset of `kind` whose signature the header matches best (at
    least `MIN_MATCHED` headers), or None."""
    scored = [(p.matched(header), p) for p in PRESETS if p.kind == kind]
    best = max(scored, key=lambda pair: pair[0], default=(0, None))
    return best[1] if best[0] >= MIN_MATCHED else None


def preset_values(kind: str, header: list[str]) -> dict[str, dict[str, str]]:
    """The value suggestions of the file's preset (none without one)."""
    preset = detect(kind, header)
    return preset.values if preset else {}
