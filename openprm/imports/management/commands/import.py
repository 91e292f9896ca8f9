"""`openprm import <kind> FILE` and `openprm import --resume JOB_ID` (IMP-1, IMP-2)."""

import json
from pathlib import Path
from typing import Any

from django.core.files import File
from django.core.management.base import BaseCommand, CommandError, CommandParser
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from openprm.core import access
from openprm.core.errors import DomainError
from openprm.identity.actors import actor_for
from openprm.identity.models import User
from openprm.imports.kinds import kinds
from openprm.imports.models import ImportJob, RejectedRow
from openprm.imports.services.job_control import job_prepare_resume
from openprm.imports.services.job_setup import job_create
from openprm.imports.services.runs import BATCH_SIZE, job_run


class Command(BaseCommand):
    help = "Import prospects, accounts or contacts from a CSV or Excel file."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("kind", nargs="?", choices=[k.code for k in kinds()])
        parser.add_argument("file", nargs="?")
        parser.add_argument("--mapping", help="JSON {header: field} or a path to a JSON file.")
        parser.add_argument(
            "--user", help="Import as this user (default: the first administrator)."
        )
        parser.add_argument("--resume", type=int, metavar="JOB_ID", help="Finish a stopped import.")
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument(
            "--dry-run", action="store_true", help="Check every row and write nothing."
        )
        parser.add_argument(
            "--update",
            action="store_true",
            help="Rows matching an existing record update it instead of being skipped.",
        )
        parser.add_argument("--quiet", action="store_true", help="No progress bar.")

    def _user(self, username: str | None) -> User:
        users = User.objects.filter(is_active=True, user_type=User.UserType.INTERNAL)
        user = (
            users.filter(username=username).first()
            if username
            else users.filter(is_superuser=True).order_by("pk").first()
            or users.order_by("pk").first()
        )
        if user is None:
            raise CommandError(f"No active internal user {username or ''}".strip())
        return user

    @staticmethod
    def _mapping(raw: str | None) -> dict[str, str] | None:
        if not raw:
            return None
        path = Path(raw)
        text = path.read_text() if path.exists() else raw
        return json.loads(text)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            if options["resume"]:
                job = access.unscoped(ImportJob).filter(pk=options["resume"]).first()
                if job is None:
                    raise CommandError(f"No import job {options['resume']}")
                job = job_prepare_resume(actor=actor_for(job.created_by), job=job)
            else:
                if not options["kind"] or not options["file"]:
                    raise CommandError("Give a kind and a file, or --resume JOB_ID.")
                actor = actor_for(self._user(options["user"]))
                path = Path(options["file"])
                with path.open("rb") as handle:
                    job = job_create(
                        actor=actor,
                        kind=options["kind"],
                        upload=File(handle, name=path.name),
                        name=path.name,
                        mapping=self._mapping(options["mapping"]),
                        existing="update" if options["update"] else "skip",
                        dry_run=options["dry_run"],
                    )
            job = self._run(job, options)
        except DomainError as error:
            details = "; ".join(f"{k}: {' '.join(v)}" for k, v in error.field_errors.items())
            raise CommandError(f"{error.message} {details}".strip()) from None
        self._report(job)

    def _run(self, job: ImportJob, options: dict[str, Any]) -> ImportJob:
        self.stdout.write(f"Import job {job.pk} ({job.kind}, {job.original_name})")
        if options["quiet"]:
            return job_run(job, batch_size=options["batch_size"])
        console = Console(file=self.stdout._out)  # type: ignore[attr-defined]
        columns = (
            TextColumn("[bold]{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[accepted]} ok, {task.fields[rejected]} rejected"),
            TimeRemainingColumn(),
        )
        with Progress(*columns, console=console) as bar:
            task_id = bar.add_task(job.kind, total=None, accepted=0, rejected=0)

            def show(current: ImportJob) -> None:
                bar.update(
                    task_id,
                    total=current.total_rows,
                    completed=current.processed_rows,
                    accepted=current.accepted_rows,
                    rejected=current.rejected_rows,
                )

            job = job_run(job, progress=show, batch_size=options["batch_size"])
            show(job)
        return job

    def _report(self, job: ImportJob) -> None:
        what = "Dry run, nothing written" if job.dry_run else "Import"
        table = Table(title=f"{what} {job.pk}: {job.get_status_display()}")
        for name in ("rows", "accepted", "updated", "unchanged", "already imported", "rejected"):
            table.add_column(name, justify="right")
        table.add_row(
            str(job.total_rows),
            str(job.accepted_rows),
            str(job.updated_rows),
            str(job.unchanged_rows),
            str(job.skipped_rows),
            str(job.rejected_rows),
        )
        console = Console(file=self.stdout._out)  # type: ignore[attr-defined]
        console.print(table)
        for reject in RejectedRow.objects.filter(job=job).order_by("line")[:20]:
            console.print(f"line {reject.line}: {reject.reason_text}", markup=False)
        if job.rejected_rows > 20:
            console.print(f"… {job.rejected_rows - 20} more rejected rows")
