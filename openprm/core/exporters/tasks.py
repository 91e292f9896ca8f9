"""Background exports: the list page enqueues, a django-tasks worker writes."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django_tasks import task

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.exporters.models import ExportJob
from openprm.core.exporters.services import expired_exports_remove, export_job_run
from openprm.core.tables import ListSpec
from openprm.core.worker import when_abandoned


@task()
def export_job_task(job_id: int) -> None:
    export_job_run(access.unscoped(ExportJob).select_related("created_by").get(pk=job_id))


@when_abandoned(export_job_task)
def export_job_abandoned(job_id: int) -> None:
    """The worker died while writing: the page says so instead of polling."""
    job = access.unscoped(ExportJob).filter(pk=job_id).first()
    if job is None or job.finished:
        return
    with translation.override(job.language or None):
        message = _("The background worker stopped while writing this export. Export again.")
    access.unscoped(ExportJob).filter(pk=job_id).update(
        status=ExportJob.Status.FAILED, error=message, finished_at=timezone.now()
    )


def export_job_start(
    *, actor: Actor, spec: ListSpec, query: QueryDict, scope: Mapping[str, Any], path: str
) -> ExportJob:
    """The list as requested (its spec, scope and query), written once the
    request commits."""
    expired_exports_remove()
    job = ExportJob.objects.create(
        created_by=actor.user,
        path=path,
        list_name=spec.name,
        scope=dict(scope),
        query=query.urlencode(),
        filename=spec.file_name(scope),
        language=get_language() or "",
    )
    transaction.on_commit(lambda: export_job_task.enqueue(job.pk))
    return job
