"""Reading a record's audit trail and business events (PLAT-5).

Entries are read through their record: the caller must be able to see the
record itself (access.get_visible), otherwise the answer is NotFound, exactly
as for a record that does not exist. Direct queries on the tables see nothing.
"""

from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.audit.models import AuditEntry, BusinessEvent
from openprm.core.errors import NotFound, ValidationFailed


@access.register(AuditEntry)
@access.register(BusinessEvent)
def _through_records_only(queryset: QuerySet[Any], actor: Actor) -> QuerySet[Any]:
    return queryset.none()


def record_reference_parse(reference: str) -> tuple[str, str, str]:
    """`customers.account:42` → (`customers`, `account`, `42`)."""
    label, sep, pk = reference.partition(":")
    app_label, dot, model_name = label.partition(".")
    if not (sep and dot and app_label and model_name and pk):
        raise ValidationFailed(
            field_errors={"object": [_("Use the form app_label.model:id, e.g. core.lookuptype:1.")]}
        )
    return app_label, model_name.lower(), pk


def record_resolve(*, actor: Actor, reference: str) -> models.Model:
    """The visible record a reference names; unknown types, models without an
    access scope, missing and invisible rows all answer NotFound."""
    app_label, model_name, pk = record_reference_parse(reference)
    try:
        content_type = ContentType.objects.get_by_natural_key(app_label, model_name)
    except ContentType.DoesNotExist:
        raise NotFound() from None
    model = content_type.model_class()
    if model is None or model not in access.registered_models():
        raise NotFound()
    if model in (AuditEntry, BusinessEvent):
        raise NotFound()
    return access.get_visible(model, actor, pk)


def _record_filter(instance: models.Model) -> dict[str, Any]:
    return {
        "content_type": ContentType.objects.get_for_model(instance, for_concrete_model=False),
        "object_id": str(instance.pk),
    }


def audit_history(*, actor: Actor, instance: models.Model) -> QuerySet[AuditEntry]:
    """The audit trail of a record the caller already obtained through
    access.get_visible (detail pages and the API use this)."""
    access.get_visible(type(instance), actor, instance.pk)
    return access.unscoped(AuditEntry).filter(**_record_filter(instance)).order_by("-at", "-id")


def event_history(*, actor: Actor, instance: models.Model) -> QuerySet[BusinessEvent]:
    access.get_visible(type(instance), actor, instance.pk)
    return (
        access.unscoped(BusinessEvent)
        .filter(**_record_filter(instance))
        .select_related("actor")
        .order_by("-at", "-id")
    )
