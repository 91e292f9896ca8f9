"""Addresses and head counts as people write them, read into the values an
account stores (CUS-4, IMP-1, issue 18): `customers.normalize.normalized` calls
these for a create, an edit and every imported row alike."""

import re
from collections.abc import Mapping
from typing import Any

from openprm.core.places import country_code, region_code, split_hint
from openprm.core.rules import text


def place(result: dict[str, Any], country: str) -> None:
    """The country as its ISO code and the region as its ISO 3166-2 code
    (`core.places`), read in the given country, else `country` (the
    account's own on an edit), else the one Odoo writes after the region
    ("Berlin (DE)"); what cannot be read stays as given."""
    if result.get("country"):
        result["country"] = country_code(result["country"]) or result["country"]
    if result.get("region"):
        _name, hint = split_hint(result["region"])
        if hint and not result.get("country") and not country:
            result["country"] = country_code(hint) or ""
        within = result.get("country") or country
        result["region"] = region_code(within, result["region"]) or result["region"]


def street(result: dict[str, Any]) -> None:
    """A street of several lines (Salesforce's BillingStreet, a pasted
    address): its first line is the first address line, the others the
    second one, unless a second line is given."""
    lines = [line.strip() for line in str(result.get("address_line1") or "").splitlines()]
    lines = [line for line in lines if line]
    if len(lines) > 1:
        result["address_line1"] = lines[0]
        if not text(result.get("address_line2") or ""):
            result["address_line2"] = ", ".join(lines[1:])
    if "\n" in str(result.get("address_line2") or ""):
        parts = [line.strip() for line in str(result["address_line2"]).splitlines()]
        result["address_line2"] = ", ".join(line for line in parts if line)


_RANGE = re.compile(r"\((\d[\d,.]*)\s*(?:[-\u2013]\s*(\d[\d,.]*)|(\+))\)")


def _count(written: str) -> int | None:
    digits = written.replace(",", "").replace(" ", "")
    if digits.endswith(".0"):
        digits = digits[:-2]
    return int(digits) if digits.isdigit() else None


def size_for_count(value: str, labels: Mapping[str, str]) -> str | None:
    """The size whose label's range holds a head count: exports carry the
    number of employees ("250", "1,200"), sizes say "Medium (100-999)"."""
    count = _count(value.strip())
    if count is None:
        return None
    for label, code in labels.items():
        match = _RANGE.search(label)
        if not match:
            continue
        low = _count(match[1])
        high = _count(match[2]) if match[2] else None
        if low is not None and count >= low and (high is None or count <= high):
            return code
    return None
