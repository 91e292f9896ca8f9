"""Which custom fields apply to a record type (PLAT-7 inheritance)."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.customfields.models import CustomField
from openprm.core.customfields.registry import lineage, record_type_exists
from openprm.core.errors import ValidationFailed

access.register(CustomField)(access.everyone_signed_in)


def custom_fields_for(record_type: str) -> list[CustomField]:
    """Fields defined on the type and its ancestors, ancestors' fields first."""
    chain = lineage(record_type)
    fields = list(
        access.unscoped(CustomField).filter(record_type__in=chain).select_related("lookup_type")
    )
    depth = {code: i for i, code in enumerate(reversed(chain))}
    return sorted(fields, key=lambda f: (depth[f.record_type], f.position, f.name))


def custom_field_list(*, actor: Actor, record_type: str | None = None) -> QuerySet[CustomField]:
    fields = access.visible(CustomField, actor).select_related("lookup_type")
    if record_type and not record_type_exists(record_type):
        raise ValidationFailed(field_errors={"record_type": [_("Unknown record type.")]})
    if record_type:
        fields = fields.filter(record_type__in=lineage(record_type))
    return fields.order_by("record_type", "position", "name")


def custom_field_get(*, actor: Actor, pk: Any) -> CustomField:
    return access.get_visible(
        CustomField, actor, pk, access.visible(CustomField, actor).select_related("lookup_type")
    )
