"""Running imports (IMP-1, IMP-2): create a job, run it batch by batch,
cancel it, resume it after a crash (reports: `imports.reports`).

Every batch is one transaction holding its accepted rows, their audit
entries, their import keys, the batch's rejected rows and the job's
counters with `last_committed_row`. A process killed at any instant
therefore leaves whole batches and a job record that says where it
stopped; resuming skips the committed lines (and ImportKey would skip them
anyway), so nothing is imported twice.
"""

import datetime as dt
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from django.core.files.base import File
from django.db import connection, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.identity.actors import actor_for
from openprm.imports.dry_run import nothing_written
from openprm.imports.kinds import kind_get
from openprm.imports.kinds.base import BatchResult, ImportContext, ImportKind
from openprm.imports.mapping import (
    saved_mapping_get,
    saved_mapping_store,
    saved_values_get,
    suggest_mapping,
    valid_targets,
)
from openprm.imports.models import ImportJob, RejectedRow, RowWarning
from openprm.imports.pipeline import mapped_rows, prepared_batches
from openprm.imports.presets import detect, preset_values
from openprm.imports.readers import read_table, read_upload_header
from openprm.imports.updates import rows_updated, updates_supported
from openprm.imports.values import ValueChoice, checked_value_mapping, value_choices

# Rows a transaction: bigger batches share each batch's lookups and commit
# (10,000 imported contacts about 8% faster than 5,000 on PostgreSQL), smaller
# ones hold SQLite's write lock for less (about a second at 10,000).
BATCH_SIZE = 10_000
IMPORT_CHECKPOINT_PAGES = 100_000
Progress = Callable[[ImportJob], None]


def job_create(
    *,
    actor: Actor,
    kind: str,
    upload: Any,
    name: str = "",
    mapping: dict[str, str] | None = None,
    existing: str = ImportJob.Existing.SKIP,
    dry_run: bool = False,
) -> ImportJob:
    """Store the file and its mapping (suggested from the headers when not
    given); the mapping is remembered for the user's next import of the kind.
    A file the import cannot use is refused here and not kept. `existing`
    and `dry_run`: see `job_set_mapping`."""
    import_kind = kind_get(kind)
    import_kind.check_actor(actor)
    name = name or Path(getattr(upload, "name", "") or "import.csv").name
    job = ImportJob(
        kind=kind,
        created_by=actor.user,
        original_name=name,
        existing=_checked_existing(kind, existing),
        dry_run=dry_run,
    )
    job.file.save(name, upload if isinstance(upload, File) else File(upload, name=name), save=False)
    try:
        header = read_upload_header(job.file.path, name)
        if mapping is None:
            # The user's own choices for these headers, then the export's preset.
            preset = detect(kind, header)
            suggested = {
                **(preset.mapping_for(header) if preset else {}),
                **saved_mapping_get(actor=actor, kind=kind),
            }
            mapping = suggest_mapping(import_kind, header, suggested)
        job.mapping = _checked_mapping(import_kind, header, mapping)
    except ValidationFailed:
        job.file.delete(save=False)
        raise
    job.save()
    return job


def _checked_mapping(
    kind: ImportKind, header: list[str], mapping: dict[str, str] | None
) -> dict[str, str]:
    if mapping is None:
        mapping = suggest_mapping(kind, header)
    mapping = {title: target for title, target in mapping.items() if target}
    targets = valid_targets(kind)
    errors = {
        title: [_("“%s” is not a field of this import.") % target]
        for title, target in mapping.items()
        if target and target not in targets
    }
    errors.update(
        {
            title: [_("There is no such column in the file.")]
            for title in mapping
            if title not in header
        }
    )
    chosen = [t for t in mapping.values() if t]
    if len(chosen) != len(set(chosen)):
        errors["mapping"] = [_("Each field can be fed by one column only.")]
    missing = [
        c.name
        for c in kind.columns
        if c.required and not {c.name, *kind.stand_ins.get(c.name, ())} & set(chosen)
    ]
    if missing:
        errors["mapping"] = [_("Map a column to: %s.") % ", ".join(missing)]
    if errors:
        raise ValidationFailed(field_errors=errors)
    return {title: target for title, target in mapping.items() if target}


def _checked_existing(kind: str, existing: str) -> str:
    """What a row matching an existing record does: skip it, or update the
    record where the kind can (`imports.updates`)."""
    if existing not in ImportJob.Existing.values:
        raise ValidationFailed(field_errors={"existing": [_("Choose skip or update.")]})
    if existing == ImportJob.Existing.UPDATE and not updates_supported(kind):
        message = _("This import cannot update existing records; choose skip.")
        raise ValidationFailed(field_errors={"existing": [message]})
    return existing


def job_set_mapping(
    *,
    actor: Actor,
    job: ImportJob,
    mapping: dict[str, str],
    missing_customers: str | None = None,
    existing: str | None = None,
    dry_run: bool | None = None,
) -> ImportJob:
    """The column mapping, and for contacts what a customer name no account
    has does (issue 18): reject the row, create the account, or import the
    contact without a customer. `existing`: a row matching an existing
    record skips it or updates it; `dry_run`: the import only checks and
    reports, writing nothing (`imports.dry_run`)."""
    job = access.get_visible(ImportJob, actor, job.pk)
    if job.status != ImportJob.Status.QUEUED or job.started_at:
        raise Conflict(_("This import has started; its mapping can no longer change."))
    header, _rows = read_table(job.file.path, job.original_name)
    job.mapping = _checked_mapping(kind_get(job.kind), header, mapping)
    if missing_customers is not None:
        if missing_customers not in ImportJob.MissingCustomers.values:
            message = _("Choose reject, create or unlink.")
            raise ValidationFailed(field_errors={"missing_customers": [message]})
        job.missing_customers = missing_customers
    if existing is not None:
        job.existing = _checked_existing(job.kind, existing)
    if dry_run is not None:
        job.dry_run = dry_run
    job.save(update_fields=["mapping", "missing_customers", "existing", "dry_run", "updated_at"])
    saved_mapping_store(actor=actor, kind=job.kind, mapping=job.mapping)
    return job


def job_value_choices(*, actor: Actor, job: ImportJob) -> list[ValueChoice]:
    """The values of the job's choice columns to map, with suggestions
    (`imports.values`)."""
    job = access.get_visible(ImportJob, actor, job.pk)
    kind = kind_get(job.kind)
    saved = saved_values_get(actor=actor, kind=job.kind)
    return value_choices(job, kind, saved, preset_values(job.kind, file_header(job)))


def job_set_values(
    *,
    actor: Actor,
    job: ImportJob,
    value_mapping: dict[str, dict[str, str]],
    with_suggestions: bool = False,
) -> ImportJob:
    """Store the value mapping on a job not started yet, and with the
    user's saved mapping for the next file. `with_suggestions` (an API
    client that names only the values it cares about) takes the suggestion
    for every value not named."""
    job = access.get_visible(ImportJob, actor, job.pk)
    if job.status != ImportJob.Status.QUEUED or job.started_at:
        raise Conflict(_("This import has started; its mapping can no longer change."))
    if with_suggestions:
        merged: dict[str, dict[str, str]] = {}
        for choice in job_value_choices(actor=actor, job=job):
            if choice.suggestion:
                merged.setdefault(choice.field, {})[choice.value] = choice.suggestion
        for field, chosen in value_mapping.items():
            merged[field] = {**merged.get(field, {}), **chosen}
        value_mapping = merged
    job.value_mapping = checked_value_mapping(kind_get(job.kind), value_mapping)
    job.save(update_fields=["value_mapping", "updated_at"])
    saved_mapping_store(actor=actor, kind=job.kind, values=job.value_mapping)
    return job


def file_samples(job: ImportJob, rows: int = 20, per_column: int = 3) -> dict[str, list[str]]:
    """A few distinct values of each column from the file's first rows,
    shown beside the column on the mapping page."""
    header, table = read_table(job.file.path, job.original_name)
    samples: dict[str, list[str]] = {title: [] for title in header}
    for count, row in enumerate(table):
        if count >= rows:
            break
        for title, value in zip(header, row.values, strict=False):
            value = value.strip().replace("\n", " ")
            if value and value not in samples[title] and len(samples[title]) < per_column:
                samples[title].append(value[:40])
    return samples


def file_header(job: ImportJob) -> list[str]:
    header, _rows = read_table(job.file.path, job.original_name)
    return header


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
        if job.phase == "rows":
            _run_rows(job, kind, ctx, progress, batch_size)
            job.refresh_from_db()
            if job.cancel_requested:
                return _finish(job, ImportJob.Status.CANCELLED)
            ImportJob.objects.filter(pk=job.pk).update(phase="links")
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
        _rare_checkpoints(),
        _collector_paused(),
        prepared_batches(job, kind, batch_size, kind.prepare_memo(ctx)) as batches,
    ):
        for batch in batches:
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


@contextmanager
def _collector_paused() -> Iterator[None]:
    """A batch allocates hundreds of thousands of short-lived tuples and
    dicts, none in a reference cycle, and each burst made Python's cycle
    collector walk the run's growing caches (names, phones, keys) again:
    about a fifth of a contact import's time. The collector is off during
    the run; the caller collects the young generations after each batch,
    so a cycle made by a batch is still freed."""
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


@contextmanager
def _rare_checkpoints() -> Iterator[None]:
    """SQLite copies its write-ahead log into the database file once the log
    passes `wal_autocheckpoint` pages, after nearly every batch of an import;
    checkpointing less often during the run saves that copy and its fsync.
    Committed batches stay durable in the log (a crash replays it)."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_autocheckpoint")
        (pages,) = cursor.fetchone()
        cursor.execute(f"PRAGMA wal_autocheckpoint={IMPORT_CHECKPOINT_PAGES}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA wal_autocheckpoint={int(pages)}")


def _finish(job: ImportJob, status: str) -> ImportJob:
    ImportJob.objects.filter(pk=job.pk).update(status=status, finished_at=timezone.now())
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
