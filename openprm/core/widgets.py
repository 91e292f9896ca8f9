"""Form widgets of the project's own, where Django's general ones cost a
page more than the page's data does."""

from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django_countries import countries

_SELECTED = mark_safe(" selected")


class CountrySelect(forms.Select):
    """A select of the ~250 countries written in one pass.

    Django's Select renders one template per option: on the contact page,
    whose address forms each offer every country, that was close to half the
    page's CPU (issue 19). The `<select>` keeps every attribute the bound
    field gives it — the id its label points at, `required`,
    `aria-describedby`, `aria-invalid` — and every value and label is escaped.
    Only flat choices: countries have no groups.
    """

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        chosen = self.format_value(value)
        selected = chosen[0] if chosen else None
        options = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            (
                (code, _SELECTED if str(code) == selected else "", label)
                for code, label in self.choices
            ),
        )
        final = {"name": name, **self.build_attrs(self.attrs, attrs)}
        return format_html("<select{}>{}</select>", _attributes(final), options)


def _attributes(attrs: dict[str, Any]) -> SafeString:
    """Attributes in Django's widget order and form: `True` bare, `False` left out."""
    return format_html_join(
        "",
        " {}{}",
        (
            (name, "" if value is True else format_html('="{}"', value))
            for name, value in attrs.items()
            if value is not False
        ),
    )


class CountryChoiceField(forms.ChoiceField):
    """A country by its ISO code, offered by `CountrySelect` after a `blank`
    choice; the names are read when the form is shown, in its language."""

    widget = CountrySelect

    def __init__(self, *, blank: str = "—", **kwargs: Any) -> None:
        super().__init__(choices=lambda: [("", blank), *countries], **kwargs)
