"""An import stopped, resumed or given up (IMP-2, issue 18)."""

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict
from openprm.imports.models import ImportJob


def job_cancel(*, actor: Actor, job: ImportJob) -> ImportJob:
    """IMP-2: stop after the batch in progress; committed batches stay."""
    job = access.get_visible(ImportJob, actor, job.pk)
    access.require(actor, "cancel", job)
    if job.finished:
        raise Conflict(_("This import has already finished."))
    ImportJob.objects.filter(pk=job.pk).update(cancel_requested=True)
    if job.status == ImportJob.Status.QUEUED:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.CANCELLED, finished_at=timezone.now()
        )
    job.refresh_from_db()
    return job


def job_prepare_resume(*, actor: Actor, job: ImportJob) -> ImportJob:
    """A job stopped by a crash (still RUNNING) or a failure can be resumed."""
    job = access.get_visible(ImportJob, actor, job.pk)
    if job.status in (ImportJob.Status.DONE, ImportJob.Status.CANCELLED):
        raise Conflict(_("This import has already finished."))
    ImportJob.objects.filter(pk=job.pk).update(status=ImportJob.Status.QUEUED, finished_at=None)
    job.refresh_from_db()
    return job


ABANDONED_AFTER = dt.timedelta(days=7)


def abandoned_uploads_delete(now: dt.datetime | None = None) -> int:
    """Issue 18: an upload nobody started within `ABANDONED_AFTER` (the
    mapping page left, the API's `start` never sent) is deleted with its
    file — a customer export holds personal data nobody will import."""
    before = (now or timezone.now()) - ABANDONED_AFTER
    jobs = ImportJob.objects.filter(
        status=ImportJob.Status.QUEUED, started_at__isnull=True, created_at__lt=before
    )
    deleted = 0
    for job in jobs.iterator():
        job.file.delete(save=False)
        job.delete()
        deleted += 1
    return deleted
