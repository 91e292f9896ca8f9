"""Template helpers shared by every list and detail page."""

from typing import Any

from django import template
from django.db.models import Model
from django.template.context import Context
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import conditional_escape, format_html
from django.utils.translation import gettext as _

from openprm.core import events
from openprm.core.counting import COUNT_CAP, count_text
from openprm.core.lookups.selectors import lookup_value_find
from openprm.core.tables import Column, ListSpec
from openprm.core.tabs import record_tabs

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
def capped(count: int, cap: int = COUNT_CAP) -> str:
    """A count read with core.counting.capped_count: "1,000+" past its cap
    (`{{ n|capped:100 }}` for one read with a cap of 100)."""
    return count_text(count, cap)


@register.filter
def lookup_meaning(code: str, type_code: str) -> str:
    """The meaning of a stored lookup code (PLAT-4), e.g. "RETAIL" → "Retail";
    the code itself when the value was removed, so nothing shows blank."""
    if not code:
        return ""
    value = lookup_value_find(type_code, code)
    return value.meaning if value is not None else code


@register.simple_tag(takes_context=True)
def table_cell(context: Context, column: Column, row: Any) -> str:
    """A list's cell as its ListSpec column declares it: its own template
    (which reads the `row`), a link, or the value (an empty value shows as
    a dash)."""
    if column.cell:
        return render_to_string(
            column.cell,
            {
                "row": row,
                "request": context.get("request"),
                "csrf_token": context.get("csrf_token"),
            },
        )
    value = column.read(row)
    shown = "—" if value is None or value == "" else value
    if isinstance(value, bool):
        shown = _("Yes") if value else _("No")
    if column.link is not None:
        return format_html('<a href="{}">{}</a>', column.link(row), shown)
    return conditional_escape(shown)


@register.inclusion_tag("includes/record_tabs.html")
def contributed_tabs(record: Model, current: str = "") -> dict[str, Any]:
    """The tabs other apps add to `record`'s page (core.views.tabs)."""
    return {
        "tabs": [
            (reverse(tab.url, args=[record.pk]), tab.label, tab.name == current)
            for tab in record_tabs(record)
        ]
    }


@register.filter
def event_label(code: str) -> Any:
    """The human name of a stored business event code ("roles_changed" →
    "Roles changed"), from the app that declares the event."""
    return events.event_label(code)


@register.simple_tag
def row_key(spec: ListSpec | str, row: Any) -> str:
    """The row's `data-testid` attribute when its list names its rows (a
    table drawn without its spec has none)."""
    key = getattr(spec, "row_key", None)
    return format_html(' data-testid="{}"', key(row)) if key is not None else ""
