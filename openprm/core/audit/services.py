"""Recording the audit trail (PLAT-5) and business events.

Called by core.records for every service write; `event_record` writes the
timeline entry of a business event an app publishes (core.events).
"""

import datetime as dt
import decimal
import uuid
from collections.abc import Sequence
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models.fields.files import FieldFile

from openprm.core.actor import Actor
from openprm.core.audit.models import AuditEntry, BusinessEvent

IGNORED_FIELDS = frozenset({"version", "updated_at", "created_at", "password"})


def _json_value(value: Any) -> Any:
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, models.Model):
        return value.pk
    if isinstance(value, FieldFile):  # an empty file has no url: test the type
        return value.name or None
    if isinstance(value, dict):
        return {k: _json_value(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_json_value(v) for v in value]
    if value is not None and not isinstance(value, str | int | float | bool):
        return str(value)
    return value


def snapshot(instance: models.Model) -> dict[str, Any]:
    """The audited state of a record: concrete fields by attname, JSON-ready."""
    return {
        f.name: _json_value(getattr(instance, f.attname))
        for f in instance._meta.concrete_fields
        if f.name not in IGNORED_FIELDS and not f.primary_key and not f.generated
    }


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Field-level changes, with custom fields diffed key by key."""
    changes: dict[str, list[Any]] = {}
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if name == "custom" and isinstance(old, dict | None) and isinstance(new, dict | None):
            for key in sorted(set(old or {}) | set(new or {})):
                o, n = (old or {}).get(key), (new or {}).get(key)
                if o != n:
                    changes[f"custom.{key}"] = [o, n]
        elif old != new:
            changes[name] = [old, new]
    return changes


def _entry(
    actor: Actor, instance: models.Model, action: str, changes: dict[str, Any]
) -> AuditEntry:
    return AuditEntry.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        object_repr=str(instance)[:200],
        action=action,
        actor=actor.user,
        actor_name=actor.username or "system",
        changes=changes,
    )


def audit_create(*, actor: Actor, instance: models.Model) -> AuditEntry:
    return _entry(actor, instance, AuditEntry.Action.CREATE, diff({}, snapshot(instance)))


def audit_update(
    *, actor: Actor, instance: models.Model, before: dict[str, Any]
) -> AuditEntry | None:
    """Records only real changes; an update that changed nothing leaves no entry."""
    changes = diff(before, snapshot(instance))
    if not changes:
        return None
    return _entry(actor, instance, AuditEntry.Action.UPDATE, changes)


def audit_parts(
    *, actor: Actor, instance: models.Model, changes: dict[str, list[Any]]
) -> AuditEntry | None:
    """An update of a record's parts (an order's lines) on the record's own
    trail, `changes` naming each part `[before, after]` as a reader reads
    it (None: the part was not there); nothing changed leaves no entry."""
    real = {name: pair for name, pair in changes.items() if pair[0] != pair[1]}
    if not real:
        return None
    return _entry(actor, instance, AuditEntry.Action.UPDATE, _json_value(real))


def audit_delete(*, actor: Actor, instance: models.Model) -> AuditEntry:
    return _entry(actor, instance, AuditEntry.Action.DELETE, diff(snapshot(instance), {}))


def event_record(
    *, actor: Actor, instance: models.Model, kind: str, data: dict[str, Any] | None = None
) -> BusinessEvent:
    return BusinessEvent.objects.create(
        content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
        object_id=str(instance.pk),
        kind=kind,
        actor=actor.user,
        data=_json_value(data or {}),
    )


EVENT_BATCH = 1000


def event_records(
    events: Sequence[tuple[Actor, models.Model, str, dict[str, Any] | None]],
) -> list[BusinessEvent]:
    """Many timeline entries in bulk inserts (core.events.publish_many)."""
    rows = [
        BusinessEvent(
            content_type=ContentType.objects.get_for_model(instance, for_concrete_model=False),
            object_id=str(instance.pk),
            kind=kind,
            actor=actor.user,
            data=_json_value(data or {}),
        )
        for actor, instance, kind, data in events
    ]
    return BusinessEvent.objects.bulk_create(rows, batch_size=EVENT_BATCH)
