"""Background imports (IMP-2): the page enqueues, a django-tasks worker runs."""

import datetime as dt

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django_tasks import task

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict
from openprm.core.schedule import periodic
from openprm.core.worker import abandoned_before, when_abandoned
from openprm.imports.models import ImportJob
from openprm.imports.services.job_control import abandoned_uploads_delete
from openprm.imports.services.runs import job_run


@task()
def import_job_run(job_id: int) -> None:
    """Runs as system code for the job's creator; a failure is recorded on the job."""
    job = access.unscoped(ImportJob).select_related("created_by").get(pk=job_id)
    job_run(job)


@periodic(every=dt.timedelta(hours=6))
@task()
def abandoned_uploads_expire() -> None:
    """Delete uploads nobody started within a week (issue 18)."""
    abandoned_uploads_delete()


@when_abandoned(import_job_run)
def import_job_abandoned(job_id: int) -> None:
    """IMP-2: whole batches were committed, and the job knows the last one;
    it resumes there on the next worker. A job whose worker died twice (a
    file that kills it?) stops with a message instead of looping."""
    jobs = access.unscoped(ImportJob).filter(pk=job_id, status=ImportJob.Status.RUNNING)
    if abandoned_before(import_job_run, job_id) <= 1:
        if jobs.update(status=ImportJob.Status.QUEUED):
            import_job_run.enqueue(job_id)
        return
    jobs.update(
        status=ImportJob.Status.FAILED,
        error=_("The background worker stopped twice during this import. Resume it to go on."),
        finished_at=timezone.now(),
    )


def job_start(*, actor: Actor, job: ImportJob) -> ImportJob:
    """IMP-2: run the import in the background once the request commits."""
    job = access.get_visible(ImportJob, actor, job.pk)
    if job.status != ImportJob.Status.QUEUED or job.started_at:
        raise Conflict(_("This import has already started."))
    transaction.on_commit(lambda: import_job_run.enqueue(job.pk))
    return job
