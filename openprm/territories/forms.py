"""HTML forms of the territory pages (TER-1..TER-4): input shapes and choices
from the selectors; the services validate and decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openprm.territories.models import Territory, TerritoryCriterion


class TerritoryForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=150)
    territory_type = forms.ChoiceField(label=_("Type"), choices=Territory.Type.choices)
    parent_id = forms.TypedChoiceField(
        label=_("Parent territory"), required=False, coerce=int, empty_value=None
    )
    partner_id = forms.TypedChoiceField(
        label=_("Partner"),
        required=False,
        coerce=int,
        empty_value=None,
        help_text=_("Partner territories only."),
    )
    description = forms.CharField(label=_("Description"), required=False, widget=forms.Textarea)
    active = forms.BooleanField(label=_("Active"), required=False, initial=True)
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(
        self,
        *args: Any,
        parents: list[tuple[int, str]],
        partners: list[tuple[int, str]],
        editing: bool = False,
        **kwargs: Any,
    ) -> None:
        """An edit carries the version it was read at (PLAT-6)."""
        super().__init__(*args, **kwargs)
        self.fields["parent_id"].choices = [("", "—"), *parents]  # type: ignore[attr-defined]
        self.fields["partner_id"].choices = [("", "—"), *partners]  # type: ignore[attr-defined]
        self.fields["version"].required = editing

    def service_values(self) -> dict[str, Any]:
        return {k: v for k, v in self.cleaned_data.items() if k != "version"}


class CriterionForm(forms.Form):
    dimension = forms.ChoiceField(
        label=_("Dimension"), choices=TerritoryCriterion.Dimension.choices
    )
    value = forms.CharField(label=_("Value"), max_length=100)
    value_to = forms.CharField(
        label=_("Up to"),
        max_length=100,
        required=False,
        help_text=_("Postal code ranges only."),
    )


class MemberForm(forms.Form):
    resource_id = forms.TypedChoiceField(label=_("Resource"), coerce=int)

    def __init__(self, *args: Any, resources: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["resource_id"].choices = [("", _("Choose a resource")), *resources]  # type: ignore[attr-defined]


class PartnerTerritoriesForm(forms.Form):
    territory_ids = forms.TypedMultipleChoiceField(label=_("Partner territories"), coerce=int)

    def __init__(self, *args: Any, territories: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["territory_ids"].choices = territories  # type: ignore[attr-defined]
