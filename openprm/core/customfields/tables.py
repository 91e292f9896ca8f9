"""The custom field definitions (PLAT-7), declared once for the page (which
groups them by record type) and the API (which may ask for the fields that
apply to one record type, inherited ones included)."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.customfields.models import CustomField
from openprm.core.customfields.selectors import custom_field_list
from openprm.core.tables import Column, ListSpec, Query


def _fields(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[CustomField]:
    """`filters` is the API's CustomFieldListQuery; an unknown record type
    is a field error."""
    record_type = filters.record_type if filters is not None else None
    return custom_field_list(actor=actor, record_type=record_type)


CUSTOM_FIELDS = ListSpec(
    name="core.custom_fields",
    select=_fields,
    columns=(
        Column("name", _("Name")),
        Column("label", _("Label")),
        Column("type", _("Type"), lambda f: f.get_field_type_display()),
        Column("required", _("Required")),
        Column("position", _("Position")),
    ),
    sorts={"position": ("record_type", "position", "name")},
    default_sort="position",
)
