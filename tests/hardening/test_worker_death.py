"""A task worker killed mid-task (SIGKILL) never records an end: its export,
import or realignment stayed "Running" and the page polled forever.
`openprm serve` restarts its worker and hands the dead worker's tasks to
`core.worker.tasks_abandoned`: exports and realignments fail with a message,
imports resume from their last committed batch (IMP-2).

The worker's death is the task result it left "running" under its id.
"""

from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from openprm.contacts.models import Person
from openprm.core.exporters.models import ExportJob
from openprm.core.exporters.tasks import export_job_task
from openprm.core.worker import tasks_abandoned
from openprm.identity.models import User
from openprm.imports.models import ImportJob
from openprm.imports.services.job_setup import job_create
from openprm.imports.tasks import import_job_run
from openprm.territories.models import RealignmentRun
from openprm.territories.tasks import realign_all_accounts
from tests.factories import as_actor
from tests.imports.conftest import csv_bytes

DEAD = "host:serve:1"


def _left_running(task: Any, pk: int, worker: str = DEAD) -> DBTaskResult:
    """The task result a worker leaves when it is killed while running `task`."""
    return DBTaskResult.objects.create(
        task_path=task.module_path,
        args_kwargs={"args": [pk], "kwargs": {}},
        backend_name="default",
        run_after=timezone.now(),
        status=TaskResultStatus.RUNNING,
        worker_ids=[worker],
        exception_class_path="",
        traceback="",
    )


@pytest.mark.django_db
def test_imp_3_export_of_a_dead_worker_fails_with_a_message(admin_user: User) -> None:
    job = ExportJob.objects.create(
        created_by=admin_user, path="/contacts/", filename="contacts", status="running"
    )
    result = _left_running(export_job_task, job.pk)
    other = ExportJob.objects.create(
        created_by=admin_user, path="/contacts/", filename="other", status="running"
    )
    alive = _left_running(export_job_task, other.pk, worker="host:serve:2")

    assert tasks_abandoned(DEAD) == 1

    job.refresh_from_db()
    assert job.status == ExportJob.Status.FAILED
    assert "worker stopped" in job.error
    result.refresh_from_db()
    assert result.status == TaskResultStatus.FAILED
    other.refresh_from_db()
    alive.refresh_from_db()
    assert (other.status, alive.status) == ("running", TaskResultStatus.RUNNING)


@pytest.mark.django_db
def test_ter_3_realignment_of_a_dead_worker_fails_with_a_message(sales_admin: User) -> None:
    run = RealignmentRun.objects.create(started_by=sales_admin, status="running")
    _left_running(realign_all_accounts, run.pk)

    tasks_abandoned(DEAD)

    run.refresh_from_db()
    assert run.status == RealignmentRun.Status.FAILED
    assert "Run it again" in run.error


@pytest.mark.django_db
def test_imp_2_import_of_a_dead_worker_resumes_once_then_stops(admin_user: User) -> None:
    """The next worker resumes the import (here the test's immediate task
    backend runs it at once); a second death stops it with a message."""
    rows = [[f"F{i}", f"Resumed{i}", f"r{i}@resume.example"] for i in range(30)]
    job = job_create(
        actor=as_actor(admin_user),
        kind="contacts",
        upload=ContentFile(csv_bytes(["First name", "Last name", "E-mail"], rows), name="c.csv"),
        name="c.csv",
    )
    ImportJob.objects.filter(pk=job.pk).update(status="running")
    _left_running(import_job_run, job.pk)

    tasks_abandoned(DEAD)

    job.refresh_from_db()
    assert (job.status, job.accepted_rows) == ("done", 30)
    assert Person.objects.filter(last_name__startswith="Resumed").count() == 30

    again = job_create(
        actor=as_actor(admin_user),
        kind="contacts",
        upload=ContentFile(csv_bytes(["Last name"], [["Twice"]]), name="t.csv"),
        name="t.csv",
    )
    ImportJob.objects.filter(pk=again.pk).update(status="running")
    _left_running(import_job_run, again.pk, worker="host:serve:0")
    tasks_abandoned("host:serve:0")
    ImportJob.objects.filter(pk=again.pk).update(status="running")
    _left_running(import_job_run, again.pk)

    tasks_abandoned(DEAD)

    again.refresh_from_db()
    assert again.status == ImportJob.Status.FAILED
    assert "stopped twice" in again.error
