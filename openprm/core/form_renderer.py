"""The form renderer: Django's templates, with its plainest widgets written
in Python.

Django renders every widget through templates, and a select one more
template per option: on the contact page, whose inline forms hold some
thirty widgets, that was a fifth of the page's CPU (issue 19). `<input>`
and flat `<select>` widgets are written here instead, to the byte what
Django's own templates write (tests/core/test_form_renderer.py compares
them). A template the project overrides, grouped choices or a label that
is not text go through the templates as before.
"""

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

import django.forms
from django.forms.renderers import TemplatesSetting
from django.utils.functional import Promise, cached_property
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData

Writer = Callable[[Mapping[str, Any]], str | None]

DJANGO_WIDGETS = Path(django.forms.__file__).parent / "templates" / "django" / "forms" / "widgets"
INPUTS = (
    "checkbox date datetime email file hidden input number password search tel text time url color"
)
OPTION = "django/forms/widgets/select_option.html"
PARTS = (OPTION, "django/forms/widgets/input.html", "django/forms/widgets/attrs.html")


def _text(value: Any) -> str:
    """`{{ value|stringformat:'s' }}`: the value as text, escaped unless safe."""
    return value if isinstance(value, SafeData) else escape(f"{value}")


def attributes(attrs: Mapping[str, Any]) -> str:
    """Django's attrs.html: `True` bare, `False` left out, names and values
    escaped; what every widget written in Python puts in its tag."""
    return "".join(
        f" {conditional_escape(name)}"
        if value is True
        else f' {conditional_escape(name)}="{_text(value)}"'
        for name, value in attrs.items()
        if value is not False
    )


def _input(widget: Mapping[str, Any]) -> str:
    value = "" if widget["value"] is None else f' value="{_text(widget["value"])}"'
    kind, name = conditional_escape(widget["type"]), conditional_escape(widget["name"])
    return f'<input type="{kind}" name="{name}"{value}{attributes(widget["attrs"])}>'


def _option(option: Mapping[str, Any]) -> str:
    return (
        f'<option value="{_text(option["value"])}"{attributes(option["attrs"])}>'
        f"{conditional_escape(option['label'])}</option>"
    )


def _select(widget: Mapping[str, Any]) -> str | None:
    options = []
    for group_name, group, _index in widget["optgroups"]:
        for option in group:
            if group_name or option["template_name"] != OPTION:
                return None
            if not isinstance(option["label"], str | Promise):
                return None
            options.append(f"\n  {_option(option)}\n")  # the option template ends its line
    head = f'<select name="{conditional_escape(widget["name"])}"{attributes(widget["attrs"])}>'
    return f"{head}{''.join(options)}\n</select>"


WRITERS: dict[str, Writer] = {
    **{f"django/forms/widgets/{name}.html": _input for name in INPUTS.split()},
    "django/forms/widgets/select.html": _select,
}


class FormRenderer(TemplatesSetting):
    """`TemplatesSetting` (templates found like every page's), writing the
    widgets of `WRITERS` itself where Django's own template would be used."""

    @cached_property
    def written(self) -> frozenset[str]:
        """The widget templates written here: those nobody overrides (Django's
        own files), when the parts they include are Django's own too."""

        def own(name: str) -> bool:
            return Path(self.get_template(name).origin.name).parent == DJANGO_WIDGETS

        if not all(own(part) for part in PARTS):
            return frozenset()
        return frozenset(name for name in WRITERS if own(name))

    def render(self, template_name: str, context: dict[str, Any], request: Any = None) -> str:
        if template_name in self.written:
            html = WRITERS[template_name](context["widget"])
            if html is not None:
                return html
        return super().render(template_name, context, request)  # type: ignore[no-any-return]
