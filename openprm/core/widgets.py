"""Form widgets of the project's own, where Django's general ones cost a
page more than the page's data does."""

from collections.abc import Iterable
from functools import lru_cache
from typing import Any

from django import forms
from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django_countries import countries

from openprm.core.form_renderer import attributes


class CountrySelect(forms.Select):
    """A select of the ~250 countries, its options written once per language.

    Django's Select renders one template per option: on the contact page,
    whose address forms each offer every country, that was close to half the
    page's CPU (issue 19). Even written in one pass, escaping 250 names on
    every form of every page stayed a visible share, so a CountryChoiceField's
    options (its `blank` choice, then every country) are escaped once per
    language (`_country_options`) and each render marks the chosen one;
    other choices are escaped at each render. The `<select>` keeps every
    attribute the bound field gives it — the id its label points at,
    `required`, `aria-describedby`, `aria-invalid` — and every value and
    label is escaped. Only flat choices: countries have no groups.
    """

    blank: Any = None

    def render(
        self,
        name: str,
        value: Any,
        attrs: dict[str, Any] | None = None,
        renderer: Any = None,
    ) -> SafeString:
        if self.blank is None:
            options = _escaped(self.choices)
        else:
            options = _country_options(get_language() or "", str(self.blank))
        chosen = self.format_value(value)
        if chosen:
            plain = format_html('<option value="{}">', chosen[0])
            options = options.replace(plain, plain[:-1] + " selected>", 1)
        final = {"name": name, **self.build_attrs(self.attrs, attrs)}
        head = f"<select{attributes(final)}>"  # the attribute writer escapes
        return mark_safe(f"{head}{options}</select>")  # noqa: S308  escaped by attributes and _escaped


def _escaped(choices: Iterable[tuple[Any, Any]]) -> str:
    return format_html_join("", '<option value="{}">{}</option>', choices)


@lru_cache(maxsize=64)
def _country_options(language: str, blank: str) -> str:
    """Every country's option in `language` (the active one, which names
    them), after the `blank` choice."""
    return _escaped([("", blank), *countries])


class CountryChoiceField(forms.ChoiceField):
    """A country by its ISO code, offered by `CountrySelect` after a `blank`
    choice; the names are read when the form is shown, in its language."""

    widget = CountrySelect

    def __init__(self, *, blank: str = "—", **kwargs: Any) -> None:
        super().__init__(choices=lambda: [("", blank), *countries], **kwargs)
        self.widget.blank = blank
