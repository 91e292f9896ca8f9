"""Template helpers shared by every list and detail page."""

import datetime as dt
from decimal import Decimal
from typing import Any

from django import template
from django.db.models import Model
from django.forms import BoundField
from django.template.context import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from openprm.core import events
from openprm.core.audit.readable import readable_history
from openprm.core.counting import COUNT_CAP, count_text
from openprm.core.lookups.selectors import lookup_value_find
from openprm.core.money import money
from openprm.core.node_assets import icon_svg
from openprm.core.phones import format_phone
from openprm.core.places import region_name
from openprm.core.tables import Column, Link, ListSpec, page_link
from openprm.core.tabs import record_tabs

register = template.Library()
register.filter("region_name", region_name)
register.filter("phone", format_phone)


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


NOT_FILTERS = frozenset({"sort", "page", "export", "tab"})


@register.simple_tag(takes_context=True)
def filters_active(context: Context) -> bool:
    """Whether the list is narrowed by a filter the user set (sorting, paging
    and the record's tab do not narrow it)."""
    query = context["request"].GET
    return any(value for key in query if key not in NOT_FILTERS for value in query.getlist(key))


@register.simple_tag(takes_context=True)
def unfiltered_query(context: Context) -> str:
    """The current query string without its filters: the same list, whole."""
    query = context["request"].GET.copy()
    for key in [key for key in query if key not in NOT_FILTERS - {"page", "export"}]:
        del query[key]
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
def table_rows(context: Context, spec: ListSpec | str, columns: list[Column], rows: Any) -> str:
    """A list's body rows, each cell as its ListSpec column declares it.

    Built here in one pass rather than by two nested template loops: for a
    page of 50 rows of ten columns the template engine's loop and tag
    machinery cost about a third of the whole page's time. The cell
    templates share one context, each cell pushing its `row` and `value`
    onto it: a context made per cell was a tenth of a list's rendering.
    Record links are reversed once for the page (`core.tables.page_link`)."""
    cells = Context(
        {
            "can": context.get("can"),
            "request": context.get("request"),
            "csrf_token": context.get("csrf_token"),
        },
        autoescape=context.autoescape,
    )
    templates = {c.cell: get_template(c.cell).template for c in columns if c.cell}
    links = {c.key: page_link(c.link) for c in columns if c.link is not None}
    return format_html_join(
        "\n",
        "<tr{}>{}</tr>",
        (
            (
                row_key(spec, row),
                format_html_join(
                    "",
                    "<td>{}</td>",
                    ((_cell(column, row, templates, links, cells),) for column in columns),
                ),
            )
            for row in rows
        ),
    )


def _cell(
    column: Column,
    row: Any,
    templates: dict[str, Any],
    links: dict[str, Link],
    cells: Context,
) -> str:
    """One cell: its own template (which reads the `row`, the column's
    `value` when it declares one, its `link` and the page's `can` for its
    buttons), a link, or the value (an empty value shows as a dash)."""
    link = links.get(column.key)
    if column.cell:
        value = column.value(row) if column.value is not None else None
        with cells.push(row=row, value=value, link=link(row) if link is not None else ""):
            return templates[column.cell].render(cells)  # type: ignore[no-any-return]
    value = column.read(row)
    shown = "—" if value is None or value == "" else _readable(value)
    if link is not None:
        return format_html('<a href="{}">{}</a>', link(row), shown)
    return conditional_escape(shown)


def _readable(value: Any) -> Any:
    """A list cell's value as a person reads it: yes or no, else as
    `localized` shows it on a record's page."""
    if isinstance(value, bool):
        return _("Yes") if value else _("No")
    if isinstance(value, int):
        return value  # numbers and counts in lists read plainly, as the files carry them
    return localized(value)


@register.inclusion_tag("includes/record_tabs.html")
def record_tab_bar(
    record: Model,
    own: Any = (),
    current: str = "",
    details_url: str = "",
) -> dict[str, Any]:
    """The tab bar of a record's page: its own tabs (`own`: name and label
    pairs, opened with `?tab=`), or a Details tab back to `details_url` on
    the pages other apps add, then the tabs other apps add (core.tabs)."""
    tabs = [(f"?tab={name}", label, name == current) for name, label in own]
    if details_url:
        tabs.insert(0, (details_url, _("Details"), False))
    tabs += [
        (reverse(tab.url, args=[record.pk]), tab.label, tab.name == current)
        for tab in record_tabs(record)
    ]
    return {"tabs": tabs}


@register.simple_tag
def icon(name: str, css_class: str = "", filled: bool = False) -> SafeString:
    """`{% icon "users" %}`: an icon of the design system's icon set, inline."""
    return icon_svg(name, css_class, filled)


WIDGET_CLASSES = {
    "checkbox": "form-check-input",
    "checkboxselectmultiple": "form-check-input",
    "radioselect": "form-check-input",
    "select": "form-select",
    "countryselect": "form-select",
    "selectmultiple": "form-select",
    "nullbooleanselect": "form-select",
}


@register.simple_tag
def form_widget(field: BoundField, css_class: str = "") -> SafeString:
    """The field's widget with the design system's class for its kind (and
    `is-invalid` when it has errors), keeping the classes the form set."""
    classes = [
        field.field.widget.attrs.get("class", ""),
        WIDGET_CLASSES.get(field.widget_type, "form-control"),
        "is-invalid" if field.errors else "",
        css_class,
    ]
    return field.as_widget(attrs={"class": " ".join(c for c in classes if c)})


@register.filter
def initials(user: Any) -> str:
    """Up to two letters for the user's avatar."""
    parts = [p for p in (user.first_name, user.last_name) if p] or [user.username]
    return "".join(p[0] for p in parts[:2]).upper()


@register.filter
def alert_class(level_tag: str) -> str:
    """The alert colour of a Django message level (`error` is `danger`)."""
    return {"error": "danger", "debug": "secondary"}.get(level_tag, level_tag)


@register.filter
def event_label(code: str) -> Any:
    """The human name of a stored business event code ("roles_changed" →
    "Roles changed"), from the app that declares the event."""
    return events.event_label(code)


@register.filter
def event_details(data: Any) -> list[tuple[str, str]]:
    """A business event's data as words: `{"added": 2}` → "Added: 2", a list
    as its items joined, nothing as a dash."""
    if not isinstance(data, dict):
        return []
    details = []
    for key, value in data.items():
        if isinstance(value, list | tuple):
            value = ", ".join(str(v) for v in value)
        shown = "—" if value is None or value == "" else str(value)
        details.append((capfirst(key.replace("_", " ")), shown))
    return details


@register.simple_tag
def row_key(spec: ListSpec | str, row: Any) -> str:
    """The row's `data-testid` attribute when its list names its rows (a
    table drawn without its spec has none)."""
    key = getattr(spec, "row_key", None)
    return format_html(' data-testid="{}"', key(row)) if key is not None else ""


@register.simple_tag(takes_context=True)
def readable_changes(context: Context, history: Any) -> list[Any]:
    """`{% readable_changes history as entries %}`: the audit entries with
    their changes as the signed-in reader may read them (core.audit.readable)."""
    return readable_history(context["request"].actor, history or [])


@register.filter
def localized(value: Any) -> Any:
    """A date, time or amount on a record's page in the reader's locale
    ("Dec. 4, 2026, 3:06 p.m.", "1,250,000.00"); nothing shows as a dash."""
    if value is None or value == "":
        return "—"
    if isinstance(value, dt.datetime):
        moment = timezone.localtime(value) if timezone.is_aware(value) else value
        return formats.date_format(moment, "DATETIME_FORMAT")
    if isinstance(value, dt.date):
        return formats.date_format(value, "DATE_FORMAT")
    if isinstance(value, Decimal):
        return formats.number_format(value, decimal_pos=2, force_grouping=True)
    if isinstance(value, int | float) and not isinstance(value, bool):
        return formats.number_format(value, force_grouping=True)
    return value


@register.filter(name="money")
def money_filter(value: Any, currency: str = "") -> str:
    """`{{ amount|money:currency }}`: an amount the one way the app shows
    money ("$90,000"); nothing shows as a dash."""
    if value is None or value == "":
        return "—"
    return money(value, currency or "")
