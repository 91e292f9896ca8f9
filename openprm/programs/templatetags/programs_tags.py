from typing import Any

from django import template

from openprm.core.indicators import collected
from openprm.core.money import money

register = template.Library()


@register.filter
def indicator_label(code: str) -> str:
    """A requirement's indicator as people read it."""
    found = collected().get(code)
    return str(found.label) if found is not None else code


@register.simple_tag
def threshold(requirement: Any, currency: str) -> str:
    """A requirement's threshold as the ladder shows it: money in the
    program's currency ("$150,000"), a count as a number ("3")."""
    found = collected().get(requirement.indicator)
    unit = found.unit if found is not None else ""
    return money(requirement.threshold, currency if unit == "money" else "")
