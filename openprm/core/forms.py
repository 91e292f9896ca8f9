"""Forms of the platform settings pages: they parse input, services decide."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from openprm.core.customfields.models import CustomField
from openprm.core.customfields.registry import record_types
from openprm.core.lookups.models import LookupType
from openprm.core.options.models import ProfileOption


class UserChoiceField(forms.ModelChoiceField):
    """A choice of users shown by full name (the username when there is
    none): people recognise their colleagues by name, not by login."""

    def label_from_instance(self, obj: Any) -> str:
        return str(getattr(obj, "display_name", None) or obj)


class VersionedForm(forms.Form):
    """PLAT-6: carries the version the user started from."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1)


class ProfileOptionForm(VersionedForm):
    """The value is picked from the allowed values where the option has some."""

    value = forms.CharField(label=_("Value"), max_length=200)

    def __init__(self, *args: Any, option: ProfileOption, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = option.allowed_values()
        if allowed:
            self.fields["value"] = forms.ChoiceField(
                label=_("Value"), choices=[(v, v) for v in allowed]
            )


def tags_from_text(text: str) -> list[str]:
    return [t.strip() for t in text.split(",") if t.strip()]


class LookupValueCreateForm(forms.Form):
    code = forms.CharField(label=_("Code"), max_length=60)
    meaning = forms.CharField(label=_("Meaning"), max_length=200)
    position = forms.IntegerField(
        label=_("Position"),
        required=False,
        min_value=0,
        help_text=_("Leave empty to add it at the end."),
    )
    tags = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Comma-separated, e.g. LEGAL.")
    )


class LookupValueEditForm(VersionedForm):
    meaning = forms.CharField(label=_("Meaning"), max_length=200)
    position = forms.IntegerField(label=_("Position"), min_value=0)
    tags = forms.CharField(
        label=_("Tags"), required=False, help_text=_("Comma-separated, e.g. LEGAL.")
    )
    active = forms.BooleanField(label=_("Active"), required=False)


class CustomFieldCreateForm(forms.Form):
    record_type = forms.ChoiceField(label=_("Record type"))
    name = forms.CharField(
        label=_("Name"), max_length=50, help_text=_("The key used in the API and in import files.")
    )
    label = forms.CharField(label=_("Label"), max_length=100)
    field_type = forms.ChoiceField(label=_("Type"), choices=CustomField.FieldType.choices)
    lookup_type = forms.ModelChoiceField(
        label=_("Lookup"),
        queryset=LookupType.objects.none(),
        required=False,
        empty_label="—",
        to_field_name="code",
        help_text=_("Only for a choice field."),
    )
    required = forms.BooleanField(label=_("Required"), required=False)
    position = forms.IntegerField(label=_("Position"), min_value=0, initial=0)

    def __init__(self, *args: Any, lookup_types: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["record_type"].choices = [(t.code, t.label) for t in record_types()]
        self.fields["lookup_type"].queryset = lookup_types  # type: ignore[attr-defined]


class CustomFieldEditForm(VersionedForm):
    label = forms.CharField(label=_("Label"), max_length=100)
    required = forms.BooleanField(label=_("Required"), required=False)
    position = forms.IntegerField(label=_("Position"), min_value=0)
