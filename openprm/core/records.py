"""Generic writes used by every service: validation, version claim, audit.

A service decides *whether* a write is allowed; these helpers make sure every
allowed write is validated, version-checked (PLAT-6) and audited (PLAT-5) the
same way.
"""

from collections.abc import Mapping
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import F

from openprm.core.actor import Actor
from openprm.core.audit.services import audit_create, audit_delete, audit_update, snapshot
from openprm.core.errors import StaleVersion, ValidationFailed

M = TypeVar("M", bound=models.Model)


def validation_failed_from(error: ValidationError) -> ValidationFailed:
    """Turn Django's ValidationError into our typed error, keeping field names."""
    if hasattr(error, "error_dict"):
        fields = {
            ("" if k == "__all__" else k): [m for e in v for m in e.messages]
            for k, v in error.error_dict.items()
        }
        general = fields.pop("", [])
        return ValidationFailed(
            general[0] if general else None,
            field_errors=fields or ({"": general} if general else None),
        )
    return ValidationFailed(error.messages[0] if error.messages else None)


def full_clean(instance: models.Model, exclude: list[str] | None = None) -> None:
    try:
        instance.full_clean(exclude=exclude)
    except ValidationError as error:
        raise validation_failed_from(error) from None


def record_create(*, actor: Actor, instance: M, clean: bool = True) -> M:
    with transaction.atomic():
        if clean:
            full_clean(instance)
        instance.save(force_insert=True)
        audit_create(actor=actor, instance=instance)
    return instance


def stale_version(instance: models.Model) -> StaleVersion:
    """The refusal of an update based on an old version: it carries the
    stored record, and its values for the pages that show them (PLAT-6)."""
    fresh = type(instance)._base_manager.get(pk=instance.pk)
    values = snapshot(fresh)
    values["version"] = getattr(fresh, "version", None)
    return StaleVersion(values, record=fresh)


def record_update(
    *,
    actor: Actor,
    instance: M,
    changes: Mapping[str, Any],
    expected_version: int | None,
    clean: bool = True,
) -> M:
    """Apply `changes` if the stored version still equals `expected_version`.

    The version is claimed with one conditional UPDATE inside the transaction,
    so of two concurrent editors exactly one wins and the other gets
    StaleVersion carrying the values it did not see.
    """
    model = type(instance)
    with transaction.atomic():
        if expected_version is not None:
            claimed = model._base_manager.filter(pk=instance.pk, version=expected_version).update(
                version=F("version") + 1
            )
            if not claimed:
                raise stale_version(instance)
        before = snapshot(model._base_manager.get(pk=instance.pk))
        for name, value in changes.items():
            setattr(instance, name, value)
        if expected_version is not None:
            instance.version = expected_version + 1  # type: ignore[attr-defined]
        if clean:
            full_clean(instance)
        instance.save()
        audit_update(actor=actor, instance=instance, before=before)
    return instance


def record_delete(*, actor: Actor, instance: models.Model) -> None:
    with transaction.atomic():
        audit_delete(actor=actor, instance=instance)
        instance.delete()
