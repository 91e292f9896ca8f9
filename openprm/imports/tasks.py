"""Background imports (IMP-2): the page enqueues, a django-tasks worker runs."""

from django.db import transaction
from django.utils.translation import gettext as _
from django_tasks import task

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict
from openprm.imports.models import ImportJob
from openprm.imports.services import job_run


@task()
def import_job_run(job_id: int) -> None:
    """Runs as system code for the job's creator; a failure is recorded on the job."""
    job = access.unscoped(ImportJob).select_related("created_by").get(pk=job_id)
    job_run(job)


def job_start(*, actor: Actor, job: ImportJob) -> ImportJob:
    """IMP-2: run the import in the background once the request commits."""
    job = access.get_visible(ImportJob, actor, job.pk)
    if job.status != ImportJob.Status.QUEUED or job.started_at:
        raise Conflict(_("This import has already started."))
    transaction.on_commit(lambda: import_job_run.enqueue(job.pk))
    return job
