"""Validating and filtering custom field values (PLAT-7).

One function cleans values for every entry point — forms, API, import — so a
value accepted in one place is accepted everywhere. The check itself is pure
(`custom_values_check`): it takes the field definitions read once
(`custom_definitions`), so a batch of rows costs no query per row and the
create rules (`contacts.rules`, `customers.rules`) can run without a database.
"""

import datetime as dt
import decimal
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.customfields.models import CustomField
from openprm.core.customfields.selectors import custom_fields_for
from openprm.core.errors import ValidationFailed
from openprm.core.lookups.models import LookupValue

TRUE_WORDS = {"true", "yes", "y", "1", "on"}
FALSE_WORDS = {"false", "no", "n", "0", "off"}


@dataclass(frozen=True)
class CustomFieldSpec:
    """What checking a value of one custom field needs; `choices` are the
    active codes of its lookup (choice fields only)."""

    name: str
    record_type: str
    field_type: str
    required: bool = False
    lookup: str = ""
    choices: frozenset[str] = frozenset()


@dataclass(frozen=True)
class CustomDefinitions:
    """The custom fields of a record type, read once for a request or an
    import (plain values, so they travel to an import's second process)."""

    fields: tuple[CustomFieldSpec, ...] = ()

    @cached_property
    def by_name(self) -> dict[str, CustomFieldSpec]:
        return {f.name: f for f in self.fields}

    @cached_property
    def required(self) -> bool:
        """Whether a value must be given for some field."""
        return any(f.required for f in self.fields)


def custom_definitions(record_type: str) -> CustomDefinitions:
    """The fields of `record_type` (ancestors' included) and the active codes
    of their lookups: two queries."""
    fields = custom_fields_for(record_type)
    lookups = {f.lookup_type.code for f in fields if f.lookup_type is not None}
    codes: dict[str, set[str]] = {code: set() for code in lookups}
    if lookups:
        values = access.unscoped(LookupValue).filter(lookup_type__code__in=lookups, active=True)
        for type_code, code in values.values_list("lookup_type__code", "code"):
            codes[type_code].add(code)
    return CustomDefinitions(
        tuple(
            CustomFieldSpec(
                name=f.name,
                record_type=f.record_type,
                field_type=f.field_type,
                required=f.required,
                lookup=f.lookup_type.code if f.lookup_type else "",
                choices=frozenset(codes[f.lookup_type.code]) if f.lookup_type else frozenset(),
            )
            for f in fields
        )
    )


def _clean_one(field: CustomFieldSpec, raw: Any) -> Any:
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
    if code not in field.choices:
        raise ValueError(
            _("“%(value)s” is not a value of %(lookup)s.") % {"value": code, "lookup": field.lookup}
        )
    return code


def _is_blank(raw: Any) -> bool:
    return raw is None or (isinstance(raw, str) and not raw.strip())


def custom_values_check(
    definitions: CustomDefinitions,
    submitted: Mapping[str, Any],
    current: Mapping[str, Any] | None = None,
    *,
    partial: bool = False,
) -> tuple[dict[str, Any], dict[str, list[str]]]:
    """The validated values merged over `current`, and the errors; pure.

    Unknown keys are refused (no silent loss of data the user typed); blank
    values remove the key; required fields must hold a value. Errors are keyed
    `custom.<name>` so the API and forms can place them next to the field.
    """
    fields = definitions.by_name
    if not submitted and (partial or not definitions.required):
        return {k: v for k, v in (current or {}).items() if k in fields}, {}
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
    return {k: v for k, v in result.items() if k in fields}, errors


def custom_values_clean(
    record_type: str,
    submitted: Mapping[str, Any],
    current: Mapping[str, Any] | None = None,
    *,
    partial: bool = False,
) -> dict[str, Any]:
    """`custom_values_check` for `record_type`, raising ValidationFailed."""
    values, errors = custom_values_check(
        custom_definitions(record_type), submitted, current, partial=partial
    )
    if errors:
        raise ValidationFailed(field_errors=errors)
    return values


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
    finds the inherited account fields at `account__custom`. Without
    filters nothing is read (every list calls this).
    """
    if not filters:
        return queryset
    fields = custom_definitions(record_type).by_name
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
