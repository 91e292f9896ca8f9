"""Template helpers shared by every list and detail page."""

from typing import Any

from django import template
from django.template.context import Context

from openprm.core import events
from openprm.core.lookups.selectors import lookup_value_find

register = template.Library()


@register.simple_tag(takes_context=True)
def query_replace(context: Context, **changes: Any) -> str:
    """The current query string with some parameters replaced, so paging and
    sorting links keep the filters the user set."""
    query = context["request"].GET.copy()
    for key, value in changes.items():
        if value is None or value == "":
            query.pop(key, None)
        else:
            query[key] = value
    return query.urlencode()


@register.simple_tag(takes_context=True)
def sort_link(context: Context, field: str) -> str:
    """`?sort=` value toggling between ascending and descending on `field`."""
    current = context["request"].GET.get("sort", "")
    new = f"-{field}" if current == field else field
    return query_replace(context, sort=new, page=None)


@register.filter
def get_item(mapping: Any, key: str) -> Any:
    return mapping.get(key) if hasattr(mapping, "get") else None


@register.filter
def lookup_meaning(code: str, type_code: str) -> str:
    """The meaning of a stored lookup code (PLAT-4), e.g. "RETAIL" → "Retail";
    the code itself when the value was removed, so nothing shows blank."""
    if not code:
        return ""
    value = lookup_value_find(type_code, code)
    return value.meaning if value is not None else code


@register.filter
def event_label(code: str) -> Any:
    """The human name of a stored business event code ("roles_changed" →
    "Roles changed"), from the app that declares the event."""
    return events.event_label(code)
