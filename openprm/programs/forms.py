"""The forms of programs, tiers, requirements, partnerships and the
decisions on them (PRG-3, PRG-4, PRG-11)."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openprm.core.indicators import collected
from openprm.core.lookups.selectors import lookup_choices
from openprm.programs.catalog import PARTNERSHIP_STATUS
from openprm.programs.deal_analytics import range_error
from openprm.programs.models import Program, Tier
from openprm.programs.models.ladders import MAX_WINDOW_MONTHS


class VersionForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ProgramForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Program
        fields = (
            "code",
            "name",
            "summary",
            "benefits",
            "currency",
            "is_public",
            "is_active",
            "evaluation_every_days",
            "next_evaluation_on",
            "grace_days",
            "downgrade_automatically",
        )
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 2}),
            "benefits": forms.Textarea(attrs={"rows": 3}),
            "next_evaluation_on": forms.DateInput(attrs={"type": "date"}),
        }

    def validate_unique(self) -> None:
        """The service answers a taken code or name."""


class TierForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Tier
        fields = (
            "name",
            "margin_percent",
            "discount_percent",
            "benefits",
            "protection_days",
            "extension_count",
            "extension_days",
            "is_retired",
        )
        widgets = {"benefits": forms.Textarea(attrs={"rows": 3})}

    def validate_unique(self) -> None:
        """The service answers a taken name."""


def indicator_choices() -> list[tuple[str, str]]:
    return [(code, str(found.label)) for code, found in collected().items()]


class RequirementForm(forms.Form):
    """Add or change the tier's requirement on one indicator."""

    indicator = forms.ChoiceField(label=_("Indicator"), choices=indicator_choices)
    parameter = forms.CharField(
        label=_("Parameter"),
        required=False,
        max_length=80,
        help_text=_("The certification, for certified people."),
    )
    threshold = forms.DecimalField(label=_("Threshold"), max_digits=16, decimal_places=2)
    window_months = forms.IntegerField(
        label=_("Window (months)"),
        initial=12,
        help_text=_("Trailing months counted, 1 to %(most)s.") % {"most": MAX_WINDOW_MONTHS},
    )


class RequirementRemoveForm(forms.Form):
    requirement_id = forms.IntegerField(widget=forms.HiddenInput)


class PartnershipForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=())
    reward_percent = forms.DecimalField(
        label=_("Reward (%)"), required=False, max_digits=5, decimal_places=2
    )
    discount_percent = forms.DecimalField(
        label=_("Discount (%)"), required=False, max_digits=5, decimal_places=2
    )
    mdf_eligible = forms.BooleanField(
        label=_("Eligible for market development funds"), required=False
    )
    starts_on = forms.DateField(
        label=_("Start"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    ends_on = forms.DateField(
        label=_("End"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    channel_manager_id = forms.TypedChoiceField(
        label=_("Channel manager"), coerce=int, required=False, empty_value=None, choices=()
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, managers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = lookup_choices(PARTNERSHIP_STATUS)
        self.fields["channel_manager_id"].choices = [("", "—"), *managers]


class PartnershipCreateForm(PartnershipForm):
    partner_id = forms.IntegerField(widget=forms.HiddenInput)
    program_id = forms.TypedChoiceField(label=_("Program"), coerce=int, choices=())

    field_order = ("program_id",)

    def __init__(self, *args: Any, programs: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["program_id"].choices = programs


class ReasonForm(VersionForm):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)


class OverrideForm(ReasonForm):
    tier_id = forms.TypedChoiceField(label=_("Tier"), coerce=int, choices=())

    field_order = ("tier_id", "reason")

    def __init__(self, *args: Any, tiers: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["tier_id"].choices = tiers


class ScoreForm(ReasonForm):
    score = forms.DecimalField(
        label=_("Manual score"), required=False, max_digits=8, decimal_places=2
    )

    field_order = ("score", "reason")


class AnalyticsRangeForm(forms.Form):
    """The deal analytics' date range (DEAL-5); blank ends are open."""

    since = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    until = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        error = range_error(data.get("since"), data.get("until"))
        if error is not None:
            self.add_error("until", error)
        return data
