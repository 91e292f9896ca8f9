"""Running an import (IMP-1, IMP-2), or resuming it after a crash, batch by
batch (reports: `imports.reports`).

Every batch is one transaction holding its accepted rows, their audit
entries, their import keys, the batch's rejected rows and the job's
counters with `last_committed_row`. A process killed at any instant
therefore leaves whole batches and a job record that says where it
stopped; resuming skips the committed lines (and ImportKey would skip them
anyway), so nothing is imported twice. On SQLite the run pauses between
batches, about once a second, so that other writers get the database's
write lock in between (core.write_pauses).
"""

import gc
from collections.abc import Callable

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from openprm.core.write_pauses import paused_for_writers
from openprm.identity.actors import actor_for
from openprm.imports.dry_run import nothing_written
from openprm.imports.kinds import kind_get
from openprm.imports.kinds.base import BatchResult, ImportContext, ImportKind
from openprm.imports.models import ImportJob, RejectedRow, RowWarning
from openprm.imports.pipeline import mapped_rows, prepared_batches
from openprm.imports.readers import read_table
from openprm.imports.services.run_tuning import collector_paused, rare_checkpoints
from openprm.imports.updates import rows_updated

# Rows a transaction: bigger batches share each batch's lookups and commit
# (10,000 imported contacts about 8% faster than 5,000 on PostgreSQL), smaller
# ones hold SQLite's write lock for less (about a second at 10,000).
BATCH_SIZE = 10_000
Progress = Callable[[ImportJob], None]


def _save_batch(job: ImportJob, rows_seen: int, last_line: int, result: BatchResult) -> None:
    RejectedRow.objects.bulk_create(
        RejectedRow(job=job, line=r.line, reasons=r.reasons, values=r.raw) for r in result.rejected
    )
    columns = {target: title for title, target in job.mapping.items()}
    RowWarning.objects.bulk_create(
        RowWarning(
            job=job,
            line=w.line,
            column=columns.get(w.field, w.field),
            value=w.value,
            reason=w.reason,
        )
        for w in result.warnings
    )
    ImportJob.objects.filter(pk=job.pk).update(
        warning_count=F("warning_count") + len(result.warnings),
        processed_rows=F("processed_rows") + rows_seen,
        accepted_rows=F("accepted_rows") + result.accepted,
        rejected_rows=F("rejected_rows") + len(result.rejected),
        skipped_rows=F("skipped_rows") + result.skipped,
        updated_rows=F("updated_rows") + result.updated,
        unchanged_rows=F("unchanged_rows") + result.unchanged,
        other_kind_rows=F("other_kind_rows") + result.other_kind,
        last_committed_row=last_line,
        updated_at=timezone.now(),
    )


def job_run(
    job: ImportJob, *, progress: Progress | None = None, batch_size: int = BATCH_SIZE
) -> ImportJob:
    """Run (or resume) `job` as its creator, who must still be allowed to import.

    System code (the task worker, the command) calls this; the request that
    started the job has already checked visibility. A dry run is the same
    run, rolled back (`imports.dry_run`).
    """
    if not job.dry_run:
        return _run(job, progress, batch_size)
    with nothing_written(job):
        _run(job, progress, batch_size)
    return job


def _run(job: ImportJob, progress: Progress | None, batch_size: int) -> ImportJob:
    kind = kind_get(job.kind)
    actor = actor_for(job.created_by)
    if job.finished and job.status != ImportJob.Status.FAILED:
        return job
    try:
        kind.check_actor(actor)
        header, rows = read_table(job.file.path, job.original_name)
        ctx = ImportContext(actor=actor, job=job)
        kind.start(ctx)
        total = 0
        if type(kind).scan is ImportKind.scan:  # only counting: no need to map the rows
            total = sum(1 for _row in rows)
        else:
            with collector_paused():
                for row in mapped_rows(rows, header, job.mapping, job.value_mapping):
                    if kind.keeps(row):
                        kind.scan(ctx, row)
                    total += 1
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.RUNNING,
            total_rows=total,
            started_at=job.started_at or timezone.now(),
            error="",
        )
        job.refresh_from_db()
        if job.phase == ImportJob.Phase.ROWS:
            _run_rows(job, kind, ctx, progress, batch_size)
            job.refresh_from_db()
            if job.cancel_requested:
                return _finish(job, ImportJob.Status.CANCELLED)
            ImportJob.objects.filter(pk=job.pk).update(phase=ImportJob.Phase.LINKS)
            job.refresh_from_db()
        result = BatchResult()
        kind.finish(ctx, result)
        ImportJob.objects.filter(pk=job.pk).update(
            accepted_rows=job.accepted_rows,
            rejected_rows=job.rejected_rows,
            warning_count=job.warning_count,
        )
        job.refresh_from_db()
        return _finish(job, ImportJob.Status.DONE)
    except Exception as error:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        job.refresh_from_db()
        if progress is not None:
            progress(job)
        raise


def _run_rows(
    job: ImportJob,
    kind: ImportKind,
    ctx: ImportContext,
    progress: Progress | None,
    batch_size: int,
) -> None:
    with (
        rare_checkpoints(),
        collector_paused(),
        prepared_batches(job, kind, batch_size, kind.prepare_memo(ctx)) as batches,
    ):
        for batch in paused_for_writers(batches):
            if ImportJob.objects.filter(pk=job.pk, cancel_requested=True).exists():
                return
            with transaction.atomic():
                kept = [row for row in batch if kind.keeps(row)]
                result = BatchResult()
                new = rows_updated(ctx, kind, kept, result)
                if new:
                    result = kind.process_batch(ctx, new).merged(result)
                result.other_kind = len(batch) - len(kept)
                _save_batch(job, len(batch), batch[-1].line, result)
            del batch, result
            gc.collect(1)
            if progress is not None:
                job.refresh_from_db()
                progress(job)


def _finish(job: ImportJob, status: str) -> ImportJob:
    ImportJob.objects.filter(pk=job.pk).update(status=status, finished_at=timezone.now())
    job.refresh_from_db()
    return job
