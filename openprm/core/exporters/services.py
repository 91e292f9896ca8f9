"""Running a background export (IMP-3) through the list's own spec.

The job names its list (core.tables.ListSpec), the scope and the query the
user asked with; the worker reads the rows through the list's selector for
the job's creator, in the user's language, so the file holds the rows and
columns of the page for that user as they are when the job runs. No page
view runs: a worker has no request.
"""

import tempfile
from array import array
from collections.abc import Iterator, Sequence
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files import File
from django.db.models import QuerySet
from django.http import QueryDict
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import actor_of
from openprm.core.errors import DomainError, NotFound, PermissionRefused
from openprm.core.exporters.models import ExportJob
from openprm.core.exporters.tabular import xlsx_write
from openprm.core.sqlite_pragmas import small_page_cache
from openprm.core.tables import ListSpec, list_spec


def _update(job: ExportJob, **values: Any) -> None:
    access.unscoped(ExportJob).filter(pk=job.pk).update(**values)


def _rows_of_list(job: ExportJob) -> None:
    """The job's list as its creator may see it now, through the list's own
    selector: same filters, sort and scope as the page it was asked from."""
    spec = list_spec(job.list_name)
    query = QueryDict(job.query)
    rows = spec.rows(
        actor=actor_of(job.created_by), query=query, sort=query.get("sort", ""), **job.scope
    )
    export_job_write(job, rows, spec)


def export_job_run(job: ExportJob) -> ExportJob:
    """A failure is recorded on the job, in the user's language: the page
    shows it instead of polling forever."""
    _update(job, status=ExportJob.Status.RUNNING)
    with translation.override(job.language or None):
        gone = _("This list is no longer available to you.")
        try:
            if not job.created_by.is_active:
                raise PermissionDenied(gone)
            _rows_of_list(job)
        except (PermissionDenied, KeyError, NotFound, PermissionRefused):
            _update(job, status=ExportJob.Status.FAILED, error=gone, finished_at=timezone.now())
        except DomainError as refused:
            _update(
                job,
                status=ExportJob.Status.FAILED,
                error=refused.message,
                finished_at=timezone.now(),
            )
        except Exception as error:
            message = str(error)[:2000] or type(error).__name__
            _update(job, status=ExportJob.Status.FAILED, error=message, finished_at=timezone.now())
            raise
        job.refresh_from_db()
        if job.status == ExportJob.Status.RUNNING:
            _update(job, status=ExportJob.Status.FAILED, error=gone, finished_at=timezone.now())
            job.refresh_from_db()
    return job


def _by_key_chunks(keys: Sequence[int], rows: QuerySet[Any], chunk_size: int) -> Iterator[Any]:
    """The rows in list order, `chunk_size` at a time, each chunk read again
    through the list's queryset. No statement stays open between chunks, so
    the job's progress commits as it goes (an open read kept SQLite's
    autocommit writes, and PostgreSQL's transaction, from showing it). The
    keys are 8 bytes each (a million is 8 MB; as Python ints, 36 MB)."""
    for start in range(0, len(keys), chunk_size):
        part = keys[start : start + chunk_size]
        found = {row.pk: row for row in rows.filter(pk__in=part)}
        yield from (found[pk] for pk in part if pk in found)


def export_job_write(job: ExportJob, rows: QuerySet[Any], spec: ListSpec) -> None:
    """The workbook of `rows`, read with a small SQLite page cache: each
    page is read once, so a large cache would only hold memory."""
    with small_page_cache(rows.db):
        _workbook_write(job, rows, spec)


def _workbook_write(job: ExportJob, rows: QuerySet[Any], spec: ListSpec) -> None:
    chunk_size = spec.chunk_size
    keys = array("q", rows.values_list("pk", flat=True).iterator(chunk_size=chunk_size))
    _update(job, total_rows=len(keys))
    with tempfile.TemporaryFile() as handle:
        xlsx_write(
            spec.completed(_by_key_chunks(keys, rows, chunk_size)),
            spec.export_columns,
            job.filename,
            handle,
            lambda count: _update(job, processed_rows=count),
        )
        handle.seek(0)
        job.file.save(f"{job.filename}-{job.pk}.xlsx", File(handle), save=False)
    _update(
        job,
        file=job.file.name,
        processed_rows=len(keys),
        status=ExportJob.Status.DONE,
        finished_at=timezone.now(),
    )


def expired_exports_remove() -> int:
    """Exports are kept EXPORT_KEEP_DAYS; older files and jobs go when the
    next export starts (housekeeping, for every user)."""
    cutoff = timezone.now() - timedelta(days=settings.EXPORT_KEEP_DAYS)
    old = list(access.unscoped(ExportJob).filter(created_at__lt=cutoff))
    for job in old:
        if job.file:
            job.file.delete(save=False)
    access.unscoped(ExportJob).filter(pk__in=[job.pk for job in old]).delete()
    return len(old)
