"""Form fields for custom fields, so every record form shows them (PLAT-7)."""

from typing import Any

from django import forms

from openprm.core.customfields.models import CustomField
from openprm.core.customfields.selectors import custom_fields_for
from openprm.core.lookups.selectors import lookup_choices

PREFIX = "custom__"


def _form_field(field: CustomField) -> forms.Field:
    common: dict[str, Any] = {"label": field.label, "required": field.required}
    kind = CustomField.FieldType
    if field.field_type == kind.NUMBER:
        return forms.DecimalField(**common)
    if field.field_type == kind.DATE:
        return forms.DateField(widget=forms.DateInput(attrs={"type": "date"}), **common)
    if field.field_type == kind.BOOLEAN:
        return forms.BooleanField(**{**common, "required": False})
    if field.field_type == kind.CHOICE:
        code = field.lookup_type.code if field.lookup_type else ""
        return forms.ChoiceField(choices=[("", "—"), *lookup_choices(code)], **common)
    return forms.CharField(max_length=1000, **common)


class CustomFieldsFormMixin:
    """Adds the record type's custom fields to a form as `custom__<name>`.

    `custom_values()` returns them keyed by name for the service, which cleans
    them again with core.customfields.values — the single rule for all inputs.
    """

    record_type: str
    fields: dict[str, forms.Field]
    initial: dict[str, Any]
    cleaned_data: dict[str, Any]

    def add_custom_fields(self, current: dict[str, Any] | None = None) -> None:
        for field in custom_fields_for(self.record_type):
            self.fields[PREFIX + field.name] = _form_field(field)
            if current and field.name in current:
                self.initial[PREFIX + field.name] = current[field.name]

    def custom_values(self) -> dict[str, Any]:
        return {
            name.removeprefix(PREFIX): ("" if value is None else value)
            for name, value in self.cleaned_data.items()
            if name.startswith(PREFIX)
        }
