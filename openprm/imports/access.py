"""Who sees which imports: a job, its rejects and its mappings belong to the
user who started it (a rejected row holds raw data the user uploaded)."""

from typing import Any

from django.db.models import QuerySet

from openprm.core import access
from openprm.imports.models import ImportJob, ImportKey, RejectedRow, SavedMapping


def _internal(actor: Any) -> bool:
    return not getattr(actor, "is_partner_user", True)


@access.register(ImportJob)
def _jobs(queryset: QuerySet[ImportJob], actor: Any) -> QuerySet[ImportJob]:
    return queryset.filter(created_by=actor) if _internal(actor) else queryset.none()


@access.register(RejectedRow)
def _rejects(queryset: QuerySet[RejectedRow], actor: Any) -> QuerySet[RejectedRow]:
    return queryset.filter(job__in=access.visible(ImportJob, actor))


@access.register(SavedMapping)
def _mappings(queryset: QuerySet[SavedMapping], actor: Any) -> QuerySet[SavedMapping]:
    return queryset.filter(user=actor) if _internal(actor) else queryset.none()


access.register(ImportKey)(access.internal_users_only)
