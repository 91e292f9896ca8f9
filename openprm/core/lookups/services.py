"""Maintaining lookups (PLAT-4): administrators with Manage Lookups."""

from typing import Any

from django.utils.translation import gettext as _

from openprm.core.actor import Actor
from openprm.core.catalog import MANAGE_LOOKUPS
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.lookups.models import LookupType, LookupValue
from openprm.core.privileges import require_privilege
from openprm.core.records import record_create, record_delete, record_update


def _normalized_tags(tags: list[str]) -> list[str]:
    return sorted({t.strip().upper() for t in tags if t.strip()})


def lookup_type_create(*, actor: Actor, code: str, name: str, description: str = "") -> LookupType:
    require_privilege(actor, MANAGE_LOOKUPS)
    code = code.strip().upper()
    if LookupType.objects.filter(code=code).exists():
        raise ValidationFailed(field_errors={"code": [_("A lookup type with this code exists.")]})
    return record_create(
        actor=actor, instance=LookupType(code=code, name=name.strip(), description=description)
    )


def lookup_value_create(
    *,
    actor: Actor,
    lookup_type: LookupType,
    code: str,
    meaning: str,
    position: int | None = None,
    tags: list[str] | None = None,
) -> LookupValue:
    require_privilege(actor, MANAGE_LOOKUPS)
    code = code.strip().upper()
    if lookup_type.values.filter(code=code).exists():
        raise ValidationFailed(field_errors={"code": [_("This lookup already has this code.")]})
    if position is None:
        position = (lookup_type.values.count() + 1) * 10
    value = LookupValue(
        lookup_type=lookup_type,
        code=code,
        meaning=meaning.strip(),
        position=position,
        tags=_normalized_tags(tags or []),
    )
    return record_create(actor=actor, instance=value)


def lookup_value_update(
    *, actor: Actor, value: LookupValue, changes: dict[str, Any], expected_version: int
) -> LookupValue:
    require_privilege(actor, MANAGE_LOOKUPS)
    allowed = {"meaning", "position", "tags", "active"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationFailed(
            field_errors={k: [_("This field cannot be changed.")] for k in unknown}
        )
    if "tags" in changes:
        changes = {**changes, "tags": _normalized_tags(changes["tags"])}
    return record_update(
        actor=actor, instance=value, changes=changes, expected_version=expected_version
    )


def lookup_value_delete(*, actor: Actor, value: LookupValue) -> None:
    """Values of system lookups are deactivated instead, so stored codes stay readable."""
    require_privilege(actor, MANAGE_LOOKUPS)
    if value.lookup_type.system:
        raise Conflict(
            _("Values of a system lookup cannot be deleted; deactivate the value instead."),
            code="lookup_value_system",
        )
    record_delete(actor=actor, instance=value)
