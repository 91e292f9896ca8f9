"""Dry runs (issue 18, IMP-1): every row checked as the import would, the
result and reports of the real run, nothing written."""

import io
from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.test import Client

from openprm.contacts.models import ContactPoint, Person, Relationship
from openprm.core.audit.models import AuditEntry
from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.identity.models import User
from openprm.imports.dry_run import job_from_dry_run
from openprm.imports.models import ImportJob, ImportKey
from openprm.imports.reports import rejects_csv, warnings_csv
from openprm.imports.services.job_setup import job_create, job_set_mapping
from openprm.imports.services.runs import job_run
from tests.factories import as_actor
from tests.imports.conftest import csv_bytes

ClientFor = Callable[[User], Client]
OUTCOME = (
    "status",
    "total_rows",
    "accepted_rows",
    "rejected_rows",
    "skipped_rows",
    "updated_rows",
    "unchanged_rows",
    "warning_count",
    "other_kind_rows",
)
ACCOUNTS = csv_bytes(
    ["External ID", "Name", "Parent external ID", "Country", "Region", "Industry"],
    [
        ["A-2", "Zeta Child GmbH", "A-1", "Deutschland", "Bayern", ""],
        ["A-1", "Zeta Holding AG", "", "DE", "BY", "Not an industry"],
        ["A-3", "", "", "DE", "", ""],  # no name: rejected
        ["A-4", "Orphan Ltd", "A-3", "GB", "", ""],  # its parent was rejected
        ["A-5", "Existing Corp", "", "US", "", ""],  # a duplicate
    ],
)


def _counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Account, Person, ContactPoint, Relationship, ImportKey, AuditEntry)
    }


def _outcome(job: ImportJob) -> tuple[Any, ...]:
    return tuple(getattr(job, name) for name in OUTCOME)


def _report(job: ImportJob) -> tuple[str, str]:
    return "".join(rejects_csv(job)), "".join(warnings_csv(job))


def _job(user: User, kind: str, data: bytes, **options: Any) -> ImportJob:
    job = job_create(
        actor=as_actor(user), kind=kind, upload=ContentFile(data, name="f.csv"), name="f.csv"
    )
    return job_set_mapping(actor=as_actor(user), job=job, mapping=job.mapping, **options)


def _dry_then_real(user: User, kind: str, data: bytes, **options: Any) -> tuple[ImportJob, ...]:
    """A dry run that must write nothing, then the real import of it."""
    before = _counts()
    dry = job_run(_job(user, kind, data, dry_run=True, **options), batch_size=2)
    assert _counts() == before
    real = job_run(job_from_dry_run(actor=as_actor(user), job=dry), batch_size=2)
    return dry, real


def test_imp_1_an_accounts_dry_run_writes_nothing_and_reports_what_the_import_then_does(
    sales_admin: User,
) -> None:
    """Parents linked across batches, a rejected parent taking its child
    along, a duplicate and a value left out: the dry run counts and reports
    them as the import then does."""
    account_create(actor=as_actor(sales_admin), data={"name": "Existing Corp", "country": "US"})
    dry, real = _dry_then_real(sales_admin, "accounts", ACCOUNTS)
    assert dry.dry_run
    assert not real.dry_run
    assert dry.status == ImportJob.Status.DONE
    assert (dry.accepted_rows, dry.rejected_rows, dry.warning_count) == (2, 3, 1)
    assert _outcome(dry) == _outcome(real)
    assert _report(dry) == _report(real)
    assert Account.objects.get(name="Zeta Child GmbH").parent.name == "Zeta Holding AG"


@pytest.mark.django_db(transaction=True)
def test_imp_1_a_dry_run_outside_a_transaction_runs_on_a_scratch_copy_and_reports_the_import(
    sales_admin: User,
) -> None:
    """On SQLite a dry run started outside any transaction (the worker, the
    command) runs on a copy of the database so it blocks no writer; its
    counts and reports are still those of the import."""
    account_create(actor=as_actor(sales_admin), data={"name": "Existing Corp", "country": "US"})
    dry, real = _dry_then_real(sales_admin, "accounts", ACCOUNTS)
    assert (dry.accepted_rows, dry.rejected_rows, dry.warning_count) == (2, 3, 1)
    assert _outcome(dry) == _outcome(real)
    assert _report(dry) == _report(real)


def test_imp_1_a_contacts_dry_run_creates_no_missing_account_and_counts_as_the_import(
    sales_admin: User,
) -> None:
    """With "create the account" for missing customers, the dry run says
    which accounts would be created; only the real run creates them."""
    data = csv_bytes(
        ["First name", "Last name", "E-mail", "Mobile", "Company"],
        [
            ["Ann", "Lee", "ann@example.com", "+49 170 1234567", "Neu GmbH"],
            ["Bob", "Kay", "ANN@example.com", "", ""],  # same e-mail as Ann
            ["Cy", "Orr", "cy@example.com", "not a phone", "Neu GmbH"],
        ],
    )
    dry, real = _dry_then_real(sales_admin, "contacts", data, missing_customers="create")
    assert (dry.accepted_rows, dry.rejected_rows) == (2, 1)
    assert _outcome(dry) == _outcome(real)
    assert _report(dry) == _report(real)
    assert Account.objects.filter(name="Neu GmbH").count() == 1


def test_imp_1_a_dry_run_of_updates_changes_no_record(sales_admin: User) -> None:
    """Issue 18: with "update existing records" the dry run counts the rows
    that would update and those already equal, and changes nothing."""
    first = csv_bytes(["External ID", "Name", "City"], [["A-1", "Acme", "Berlin"]])
    job_run(_job(sales_admin, "accounts", first))
    again = csv_bytes(
        ["External ID", "Name", "City"],
        [["A-1", "Acme", "Munich"], ["A-2", "Beta", "Bonn"]],
    )
    dry, real = _dry_then_real(sales_admin, "accounts", again, existing="update")
    assert (dry.updated_rows, dry.accepted_rows) == (1, 1)
    assert _outcome(dry) == _outcome(real)
    assert Account.objects.get(name="Acme").city == "Munich"


def test_imp_1_api_dry_run_flag_then_import_for_real(
    sales_admin: User,
    api_client_for: Callable[[User], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    client = api_client_for(sales_admin)
    upload = SimpleUploadedFile(
        "people.csv", csv_bytes(["Last name", "E-mail"], [["Lee", "a@x.io"], ["", "b"]])
    )
    before = _counts()
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            "/api/v1/imports", {"kind": "contacts", "file": upload, "dry_run": "true"}
        )
    assert created.status_code == 201, created.content
    dry = client.get(f"/api/v1/imports/{created.json()['id']}").json()
    assert dry["dry_run"] is True
    assert (dry["status"], dry["accepted_rows"], dry["rejected_rows"]) == ("done", 1, 1)
    assert client.get(f"/api/v1/imports/{dry['id']}/rejects").json()["count"] == 1
    assert _counts() == before

    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(f"/api/v1/imports/{dry['id']}/import")
    assert started.status_code == 201, started.content
    real = client.get(f"/api/v1/imports/{started.json()['id']}").json()
    assert (real["dry_run"], real["accepted_rows"], real["rejected_rows"]) == (False, 1, 1)
    assert Person.objects.filter(last_name="Lee").count() == 1
    assert client.post(f"/api/v1/imports/{real['id']}/import").status_code == 409


def test_imp_1_check_first_on_the_mapping_page_then_import_now(
    sales_admin: User, client_for: ClientFor, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(sales_admin)
    data = csv_bytes(["Surname", "Mail"], [["Lee", "ann@example.com"], ["", "x@example.com"]])
    client.post(
        "/imports/new/",
        {"kind": "contacts", "file": SimpleUploadedFile("people.csv", data, "text/csv")},
    )
    job = ImportJob.objects.latest("pk")
    assert "Check first (dry run)" in client.get(f"/imports/{job.pk}/mapping/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/imports/{job.pk}/mapping/", {"col_0": "last_name", "col_1": "email", "dry_run": "on"}
        )
    page = client.get(f"/imports/{job.pk}/").content.decode()
    assert 'data-testid="job-dry-run"' in page
    assert "Would be created" in page
    assert not Person.objects.exists()

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/imports/{job.pk}/import/")
    real = ImportJob.objects.latest("pk")
    assert response.status_code == 302
    assert response["Location"] == f"/imports/{real.pk}/"
    assert (real.dry_run, real.accepted_rows, real.rejected_rows) == (False, 1, 1)
    assert Person.objects.get().last_name == "Lee"


def test_imp_1_import_command_dry_run_writes_nothing(sales_admin: User, tmp_path: Any) -> None:
    path = tmp_path / "c.csv"
    path.write_bytes(csv_bytes(["Last name", "E-mail"], [["Lee", "a@x.io"], ["", "bad"]]))
    out = io.StringIO()
    before = _counts()
    call_command(
        "import", "contacts", str(path), user=sales_admin.username, dry_run=True, stdout=out
    )
    assert "Dry run, nothing written" in out.getvalue()
    assert "line 3" in out.getvalue()
    assert _counts() == before
