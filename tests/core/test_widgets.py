"""The country select written in one pass (issue 19) shows the user exactly
what Django's own select showed: the same options, the chosen country
selected, the label's id and the help and error references, every name
escaped."""

import re

from django import forms
from django.utils import translation

from openprm.core.widgets import CountryChoiceField


class _Ours(forms.Form):
    country = CountryChoiceField(label="Country", help_text="Where it is.")


def _djangos(choices: list[tuple[str, str]]) -> type[forms.Form]:
    class Djangos(forms.Form):
        country = forms.ChoiceField(label="Country", help_text="Where it is.", choices=choices)

    return Djangos


def _markup(html: str) -> str:
    return re.sub(r">\s+<", "><", html)


def test_country_select_writes_the_markup_djangos_select_writes() -> None:
    """Unbound, with a country chosen and with an invalid one (aria-invalid,
    the error's id in aria-describedby), the markup is Django's."""
    choices = list(_Ours().fields["country"].choices)  # type: ignore[attr-defined]
    for data in (None, {"country": "FR"}, {"country": "XX"}):
        ours, theirs = _Ours(data), _djangos(choices)(data)
        assert _markup(str(ours["country"])) == _markup(str(theirs["country"]))


def test_country_select_selects_the_value_and_keeps_its_label_and_help() -> None:
    html = str(_Ours({"country": "FR"})["country"])
    assert html.startswith('<select name="country" required aria-describedby="id_country_helptext"')
    assert 'id="id_country"' in html
    assert html.count(" selected") == 1
    assert '<option value="FR" selected>France</option>' in html


def test_country_select_escapes_names_and_values() -> None:
    class Odd(forms.Form):
        country = forms.ChoiceField(
            widget=CountryChoiceField.widget, choices=[("<a>", 'Bad "name" & <b>')]
        )

    html = str(Odd({"country": "<a>"})["country"])
    escaped = "Bad &quot;name&quot; &amp; &lt;b&gt;"
    assert f'<option value="&lt;a&gt;" selected>{escaped}</option>' in html


def test_country_names_follow_the_language_of_the_page() -> None:
    """The choices are read when the form is shown, not when it was imported."""
    with translation.override("fr"):
        html = str(_Ours()["country"])
    assert ">Allemagne</option>" in html
