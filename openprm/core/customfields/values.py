"""Validating and filtering custom field values (PLAT-7).

One function cleans values for every entry point — forms, API, import — so a
value accepted in one place is accepted everywhere.
"""

import datetime as dt
import decimal
from collections.abc import Mapping
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openprm.core.customfields.models import CustomField
from openprm.core.customfields.selectors import custom_fields_for
from openprm.core.errors import ValidationFailed
from openprm.core.lookups.selectors import lookup_value_find

TRUE_WORDS = {"true", "yes", "y", "1", "on"}
FALSE_WORDS = {"false", "no", "n", "0", "off"}


def _clean_one(field: CustomField, raw: Any) -> Any:
    kind = CustomField.FieldType
    if field.field_type == kind.TEXT:
        text = str(raw).strip()
        if len(text) > 1000:
            raise ValueError(_("Enter at most 1000 characters."))
        return text
    if field.field_type == kind.NUMBER:
        try:
            number = decimal.Decimal(str(raw).strip())
        except decimal.InvalidOperation:
            raise ValueError(_("Enter a number.")) from None
        if not number.is_finite():
            raise ValueError(_("Enter a number."))
        return int(number) if number == number.to_integral_value() else float(number)
    if field.field_type == kind.DATE:
        if isinstance(raw, dt.date):
            return raw.isoformat()
        try:
            return dt.date.fromisoformat(str(raw).strip()).isoformat()
        except ValueError:
            raise ValueError(_("Enter a date as YYYY-MM-DD.")) from None
    if field.field_type == kind.BOOLEAN:
        if isinstance(raw, bool):
            return raw
        word = str(raw).strip().lower()
        if word in TRUE_WORDS:
            return True
        if word in FALSE_WORDS:
            return False
        raise ValueError(_("Enter yes or no."))
    code = str(raw).strip()
    lookup_code = field.lookup_type.code if field.lookup_type else ""
    if lookup_value_find(lookup_code, code) is None:
        raise ValueError(
            _("“%(value)s” is not a value of %(lookup)s.") % {"value": code, "lookup": lookup_code}
        )
    return code


def _is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def custom_values_clean(
    record_type: str,
    submitted: Mapping[str, Any],
    current: Mapping[str, Any] | None = None,
    *,
    partial: bool = False,
) -> dict[str, Any]:
    """Validated values for `record_type`, merged over `current`.

    Unknown keys are refused (no silent loss of data the user typed); blank
    values remove the key; required fields must hold a value. Errors are keyed
    `custom.<name>` so the API and forms can place them next to the field.
    """
    fields = {f.name: f for f in custom_fields_for(record_type)}
    errors: dict[str, list[str]] = {}
    result = dict(current or {})
    for name in submitted:
        if name not in fields:
            errors[f"custom.{name}"] = [_("There is no custom field “%s” here.") % name]
    for name, field in fields.items():
        if name not in submitted:
            if not partial and field.required and _is_blank(result.get(name)):
                errors[f"custom.{name}"] = [_("This field is required.")]
            continue
        raw = submitted[name]
        if _is_blank(raw):
            if field.required:
                errors[f"custom.{name}"] = [_("This field is required.")]
            result.pop(name, None)
            continue
        try:
            result[name] = _clean_one(field, raw)
        except ValueError as error:
            errors[f"custom.{name}"] = [str(error)]
    if errors:
        raise ValidationFailed(field_errors=errors)
    return {k: v for k, v in result.items() if k in fields}


def custom_filter(
    queryset: QuerySet[Any],
    record_type: str,
    filters: Mapping[str, Any],
    columns: Mapping[str, str] | None = None,
) -> QuerySet[Any]:
    """Filter rows by custom field values given as `{name: value}`.

    Values are cleaned first so `?custom.size=10` matches the stored number 10.
    `columns` names where an ancestor type's values live when they are not in
    the row's own `custom` column — a partner profile keeps its own fields and
    finds the inherited account fields at `account__custom`.
    """
    fields = {f.name: f for f in custom_fields_for(record_type)}
    for name, raw in filters.items():
        if name not in fields:
            raise ValidationFailed(field_errors={f"custom.{name}": [_("Unknown custom field.")]})
        try:
            value = _clean_one(fields[name], raw)
        except ValueError as error:
            raise ValidationFailed(field_errors={f"custom.{name}": [str(error)]}) from None
        column = (columns or {}).get(fields[name].record_type, "custom")
        queryset = queryset.filter(**{f"{column}__{name}": value})
    return queryset
