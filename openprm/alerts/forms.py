"""The alert form (Manage Partner Programs): what to say, when, with which
link, and to whom."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openprm.alerts.models import Alert
from openprm.alerts.selectors import audience_choices
from openprm.core.actor import Actor

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class AlertForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    body = forms.CharField(
        label=_("Message"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("What the partners read on their portal home."),
    )
    priority = forms.ChoiceField(
        label=_("Priority"),
        choices=Alert.Priority.choices,
        initial=Alert.Priority.INFO,
        widget=forms.RadioSelect,
        help_text=_("Urgent alerts come first and are e-mailed to the partner administrators."),
    )
    starts_on = forms.DateField(label=_("Shown from"), widget=DATE)
    ends_on = forms.DateField(
        label=_("Shown until"),
        required=False,
        widget=DATE,
        help_text=_("Leave empty to show it until you set an end."),
    )
    product_id = forms.ModelChoiceField(
        label=_("Product"),
        queryset=None,
        required=False,
        help_text=_("The product the alert promotes, if any."),
    )
    link_url = forms.URLField(
        label=_("Promotion link"),
        required=False,
        assume_scheme="https",
        help_text=_("Or a page about the promotion."),
    )
    target = forms.ChoiceField(
        label=_("Aimed at"), choices=Alert.Target.choices, widget=forms.RadioSelect
    )
    programs = forms.ModelMultipleChoiceField(
        label=_("Programs"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Aimed at chosen programs, or to narrow the tiers below."),
    )
    tiers = forms.ModelMultipleChoiceField(
        label=_("Tiers"),
        queryset=None,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    partners = forms.ModelMultipleChoiceField(
        label=_("Partners"),
        queryset=None,
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("starts_on", timezone.localdate())
        super().__init__(*args, **kwargs)
        choices = audience_choices(actor=actor)
        self.fields["product_id"].queryset = choices["products"]
        self.fields["programs"].queryset = choices["programs"]
        self.fields["tiers"].queryset = choices["tiers"]
        self.fields["tiers"].label_from_instance = lambda t: f"{t.program} · {t.name}"
        self.fields["partners"].queryset = choices["partners"]

    def values(self) -> dict[str, Any]:
        """The alert's own fields, as the service takes them."""
        data = self.cleaned_data
        product = data["product_id"]
        return {
            "title": data["title"],
            "body": data["body"],
            "priority": data["priority"],
            "starts_on": data["starts_on"],
            "ends_on": data["ends_on"],
            "product_id": product.pk if product else None,
            "link_url": data["link_url"],
            "target": data["target"],
        }

    def audience(self) -> dict[str, list[int]]:
        return {
            name: [r.pk for r in self.cleaned_data[name]]
            for name in ("programs", "tiers", "partners")
        }
