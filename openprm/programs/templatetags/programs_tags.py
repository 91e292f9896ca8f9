from django import template

from openprm.core.indicators import collected

register = template.Library()


@register.filter
def indicator_label(code: str) -> str:
    """A requirement's indicator as people read it."""
    found = collected().get(code)
    return str(found.label) if found is not None else code
