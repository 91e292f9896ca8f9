"""The form renderer writes the plainest widgets itself (issue 19: page CPU);
what a user's browser receives must be what Django's own templates write,
to the byte, or forms would change under the people filling them in."""

import datetime as dt

from django import forms
from django.forms.renderers import TemplatesSetting
from django.utils.safestring import mark_safe

from openprm.core.form_renderer import FormRenderer


class Everything(forms.Form):
    name = forms.CharField(label="Name", help_text="Shown to partners")
    email = forms.EmailField(required=False)
    amount = forms.DecimalField(required=False)
    starts = forms.DateField(required=False, widget=forms.DateInput(attrs={"type": "date"}))
    active = forms.BooleanField(required=False)
    version = forms.IntegerField(widget=forms.HiddenInput)
    kind = forms.ChoiceField(choices=[("", "—"), ("b2b", "Business & co"), ("b2c", "<Person>")])
    grouped = forms.ChoiceField(choices=[("Europe", [("fr", "France")]), ("us", "United States")])
    numbered = forms.TypedChoiceField(choices=[(1, 1000), (2, 2000)], coerce=int)
    picture = forms.FileField(required=False)


def _widgets(form: forms.Form) -> list[str]:
    return [str(field.as_widget(attrs={"class": "form-control"})) for field in form]


def test_issue_19_widgets_are_written_as_djangos_templates_write_them() -> None:
    """Issue 19: every widget kind, empty, filled (with text to escape) and
    with errors, reads the same from both renderers."""
    assert "django/forms/widgets/select.html" in FormRenderer().written  # not the template
    filled = {
        "name": 'O\'Brien "the <b>" & co',
        "email": "a@b.example",
        "amount": "12.50",
        "starts": dt.date(2026, 12, 6).isoformat(),
        "active": "on",
        "version": "3",
        "kind": "b2c",
        "grouped": "fr",
        "numbered": "2",
    }
    for data in (None, filled, {"kind": "unknown", "name": mark_safe("<i>safe</i>")}):
        ours = Everything(data, renderer=FormRenderer())
        django = Everything(data, renderer=TemplatesSetting())
        if data is not None:
            ours.is_valid()
            django.is_valid()
        assert _widgets(ours) == _widgets(django)


def test_issue_19_a_form_with_initial_values_reads_the_same() -> None:
    """Issue 19: an unbound edit form shows its record's values the same way."""
    initial = {"name": "Ann & Bob", "kind": "b2b", "starts": dt.date(2026, 1, 2), "active": True}
    ours = Everything(initial=initial, renderer=FormRenderer())
    django = Everything(initial=initial, renderer=TemplatesSetting())
    assert _widgets(ours) == _widgets(django)
