"""HTML forms of the account team page (TEAM-1, TEAM-2): input shapes only;
the services decide who may change what."""

from django import forms
from django.utils.translation import gettext_lazy as _

from openprm.customers.levels import AccessLevel


class TeamMemberAddForm(forms.Form):
    """The resource comes from the HTMX picker; the service checks it."""

    resource_id = forms.IntegerField(label=_("Resource"), min_value=1)
    access_level = forms.ChoiceField(
        label=_("Access level"),
        required=False,
        choices=[("", _("Default")), *AccessLevel.choices],
        help_text=_("Empty: the default level of the profile option."),
    )
    locked = forms.BooleanField(label=_("Locked"), required=False)


class TeamMemberUpdateForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)
    access_level = forms.ChoiceField(
        label=_("Access level"), required=False, choices=AccessLevel.choices
    )
    locked = forms.ChoiceField(
        label=_("Locked"), required=False, choices=[("", ""), ("1", _("Yes")), ("0", _("No"))]
    )

    def changes(self) -> dict[str, object]:
        values: dict[str, object] = {}
        if self.cleaned_data.get("access_level"):
            values["access_level"] = self.cleaned_data["access_level"]
        if self.cleaned_data.get("locked") in ("0", "1"):
            values["locked"] = self.cleaned_data["locked"] == "1"
        return values
