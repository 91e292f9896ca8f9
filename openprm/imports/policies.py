"""Who sees which imports: a job, its rejects and its mappings belong to the
user who started it (a rejected row holds raw data the user uploaded)."""

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.imports.models import ImportJob, ImportKey, RejectedRow, RowWarning, SavedMapping


@access.policy(ImportJob)
class ImportJobPolicy(access.Policy[ImportJob]):
    """A job is its starter's: the one who sees it runs and cancels it (IMP-2)."""

    def view(self, rows: QuerySet[ImportJob], actor: Actor) -> QuerySet[ImportJob]:
        return rows.filter(created_by_id=actor.pk) if actor.is_internal else rows.none()

    def cancel(self, rows: QuerySet[ImportJob], actor: Actor) -> QuerySet[ImportJob]:
        return rows


@access.register(RejectedRow)
def _rejects(queryset: QuerySet[RejectedRow], actor: Actor) -> QuerySet[RejectedRow]:
    return queryset.filter(job__in=access.visible(ImportJob, actor))


@access.register(RowWarning)
def _warnings(queryset: QuerySet[RowWarning], actor: Actor) -> QuerySet[RowWarning]:
    return queryset.filter(job__in=access.visible(ImportJob, actor))


@access.register(SavedMapping)
def _mappings(queryset: QuerySet[SavedMapping], actor: Actor) -> QuerySet[SavedMapping]:
    return queryset.filter(user_id=actor.pk) if actor.is_internal else queryset.none()


access.register(ImportKey)(access.internal_users_only)
