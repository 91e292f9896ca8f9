"""Dry runs (issue 18): an import checked first, written nowhere.

A dry run is the import itself — every row validated and resolved by the
same code, parents linked, duplicates found, missing accounts created —
inside one transaction that is then rolled back. What it would have done
(the job's counters, its rejected rows and the values left out) is read
before the rollback and stored again after it, so its result page and its
downloadable reports are those of the real run; a later run of the same
file with the same options therefore reports the same counts.

On SQLite a transaction that writes holds the database's only write lock
until it ends, so a dry run in the database itself would make every other
user's save wait, then fail with "database is locked". It runs on a
scratch copy of the database instead (`imports.scratch_database`), and
only its outcome is written to the real one. Its progress is not visible
to other requests until it ends.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.core.files.base import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict
from openprm.imports.models import ImportJob, RejectedRow, RowWarning
from openprm.imports.scratch_database import on_a_scratch_copy

OUTCOME_FIELDS = (
    "status",
    "phase",
    "total_rows",
    "processed_rows",
    "accepted_rows",
    "rejected_rows",
    "skipped_rows",
    "updated_rows",
    "unchanged_rows",
    "warning_count",
    "other_kind_rows",
    "last_committed_row",
    "error",
    "started_at",
    "finished_at",
)
COPIED_FIELDS = (
    "kind",
    "original_name",
    "mapping",
    "value_mapping",
    "missing_customers",
    "existing",
)


class _RolledBack(Exception):
    """Leaves the dry run's transaction, undoing everything in it."""


@dataclass
class Outcome:
    """What a run did, kept across the rollback of its transaction."""

    fields: dict[str, object]
    rejects: list[RejectedRow]
    warnings: list[RowWarning]

    @classmethod
    def read(cls, job: ImportJob) -> "Outcome":
        job.refresh_from_db()
        return cls(
            {name: getattr(job, name) for name in OUTCOME_FIELDS},
            [
                RejectedRow(job_id=job.pk, line=r.line, reasons=r.reasons, values=r.values)
                for r in RejectedRow.objects.filter(job=job).order_by("line")
            ],
            [
                RowWarning(
                    job_id=job.pk, line=w.line, column=w.column, value=w.value, reason=w.reason
                )
                for w in RowWarning.objects.filter(job=job).order_by("line", "pk")
            ],
        )

    def write(self, job: ImportJob) -> None:
        with transaction.atomic():
            ImportJob.objects.filter(pk=job.pk).update(**self.fields)
            RejectedRow.objects.bulk_create(self.rejects, batch_size=2000)
            RowWarning.objects.bulk_create(self.warnings, batch_size=2000)
        job.refresh_from_db()


@contextmanager
def nothing_written(job: ImportJob) -> Iterator[None]:
    """Run the block as a dry run of `job`: everything it writes is rolled
    back, then the job's outcome is stored. A failure is recorded on the
    job after the rollback, and raised again."""
    outcome: Outcome | None = None
    failure: Exception | None = None
    with on_a_scratch_copy():
        try:
            with transaction.atomic():
                try:
                    yield
                except Exception as error:  # the run's own failure, recorded below
                    failure = error
                else:
                    outcome = Outcome.read(job)
                raise _RolledBack
        except _RolledBack:
            pass
    if failure is not None:
        ImportJob.objects.filter(pk=job.pk).update(
            status=ImportJob.Status.FAILED, error=str(failure)[:2000], finished_at=timezone.now()
        )
        job.refresh_from_db()
        raise failure
    if outcome is not None:
        outcome.write(job)


def job_from_dry_run(*, actor: Actor, job: ImportJob) -> ImportJob:
    """A new import of a finished dry run's file with its mapping and
    options, queued to run for real (the dry run keeps its own report)."""
    job = access.get_visible(ImportJob, actor, job.pk)
    if not job.dry_run or job.status != ImportJob.Status.DONE:
        raise Conflict(_("Only a finished dry run can be imported."))
    real = ImportJob(created_by=actor.user, **{name: getattr(job, name) for name in COPIED_FIELDS})
    with job.file.open("rb") as stored:
        real.file.save(job.original_name, File(stored, name=job.original_name), save=False)
    real.save()
    return real
