"""Which custom fields apply to a record type (PLAT-7 inheritance)."""

from typing import Any

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.customfields.models import CustomField
from openprm.core.customfields.registry import lineage

access.register(CustomField)(access.everyone_signed_in)


def custom_fields_for(record_type: str) -> list[CustomField]:
    """Fields defined on the type and its ancestors, ancestors' fields first."""
    chain = lineage(record_type)
    fields = list(
        access.unscoped(CustomField).filter(record_type__in=chain).select_related("lookup_type")
    )
    depth = {code: i for i, code in enumerate(reversed(chain))}
    return sorted(fields, key=lambda f: (depth[f.record_type], f.position, f.name))


def custom_field_list(*, actor: Any, record_type: str | None = None) -> QuerySet[CustomField]:
    fields = access.visible(CustomField, actor).select_related("lookup_type")
    if record_type:
        fields = fields.filter(record_type__in=lineage(record_type))
    return fields.order_by("record_type", "position", "name")
