"""Defining custom fields (PLAT-7): administrators with Manage Custom Fields."""

from typing import Any

from django.utils.translation import gettext as _

from openprm.core.actor import Actor
from openprm.core.catalog import MANAGE_CUSTOM_FIELDS
from openprm.core.customfields.models import CustomField
from openprm.core.customfields.registry import descendants, lineage, record_type_exists
from openprm.core.errors import ValidationFailed
from openprm.core.lookups.models import LookupType
from openprm.core.privileges import require_privilege
from openprm.core.records import record_create, record_delete, record_update


def custom_field_create(
    *,
    actor: Actor,
    record_type: str,
    name: str,
    label: str,
    field_type: str,
    lookup_type: LookupType | None = None,
    required: bool = False,
    position: int = 0,
) -> CustomField:
    """A name must be unique along the whole hierarchy the field reaches, so a
    partner never shows two fields with one key."""
    require_privilege(actor, MANAGE_CUSTOM_FIELDS)
    if not record_type_exists(record_type):
        raise ValidationFailed(field_errors={"record_type": [_("Unknown record type.")]})
    related = set(lineage(record_type)) | set(descendants(record_type))
    if CustomField.objects.filter(record_type__in=related, name=name).exists():
        raise ValidationFailed(
            field_errors={
                "name": [_("A field with this name already applies to this record type.")]
            }
        )
    if field_type == CustomField.FieldType.CHOICE and lookup_type is None:
        raise ValidationFailed(
            field_errors={"lookup_type": [_("Choose the lookup for a choice field.")]}
        )
    if field_type != CustomField.FieldType.CHOICE:
        lookup_type = None
    field = CustomField(
        record_type=record_type,
        name=name,
        label=label.strip(),
        field_type=field_type,
        lookup_type=lookup_type,
        required=required,
        position=position,
    )
    return record_create(actor=actor, instance=field)


def custom_field_update(
    *, actor: Actor, field: CustomField, changes: dict[str, Any], expected_version: int
) -> CustomField:
    """Only presentation may change; the key and type stay as stored values rely on them."""
    require_privilege(actor, MANAGE_CUSTOM_FIELDS)
    fixed = set(changes) - {"label", "required", "position"}
    if fixed:
        raise ValidationFailed(field_errors={k: [_("This cannot be changed.")] for k in fixed})
    return record_update(
        actor=actor, instance=field, changes=changes, expected_version=expected_version
    )


def custom_field_delete(*, actor: Actor, field: CustomField) -> None:
    require_privilege(actor, MANAGE_CUSTOM_FIELDS)
    record_delete(actor=actor, instance=field)
