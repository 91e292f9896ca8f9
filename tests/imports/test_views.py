"""The import pages: upload, mapping, background run, progress, rejects (IMP-1, IMP-2)."""

import csv
import io
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from openprm.contacts.models import Person
from openprm.identity.models import User
from openprm.imports.models import ImportJob, SavedMapping
from tests.imports.conftest import csv_bytes

ClientFor = Callable[[User], Client]


def _upload(client: Client, data: bytes) -> ImportJob:
    response = client.post(
        "/imports/new/",
        {"kind": "contacts", "file": SimpleUploadedFile("people.csv", data, "text/csv")},
    )
    assert response.status_code == 302
    return ImportJob.objects.latest("pk")


def test_imp_2_upload_map_run_in_background_and_download_rejects(
    sales_admin: User, client_for: ClientFor, django_capture_on_commit_callbacks: Any
) -> None:
    client = client_for(sales_admin)
    data = csv_bytes(
        ["Surname", "Given", "Mail"], [["Lee", "Ann", "ann@example.com"], ["", "X", "=1+2"]]
    )
    job = _upload(client, data)
    page = client.get(f"/imports/{job.pk}/mapping/")
    assert page.status_code == 200
    assert 'value="last_name" selected' in page.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/imports/{job.pk}/mapping/",
            {"col_0": "last_name", "col_1": "first_name", "col_2": "email"},
        )
    assert response.status_code == 302
    job.refresh_from_db()
    assert job.status == ImportJob.Status.DONE
    assert (job.accepted_rows, job.rejected_rows) == (1, 1)
    assert Person.objects.get().first_name == "Ann"
    assert SavedMapping.objects.get(user=sales_admin, kind="contacts").mapping["Mail"] == "email"
    detail = client.get(f"/imports/{job.pk}/").content.decode()
    assert "Download rejected rows" in detail
    assert "/progress/" not in detail  # a finished import stops polling
    download = client.get(f"/imports/{job.pk}/rejects.csv")
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert rows[0] == ["Surname", "Given", "Mail", "Line", "Reason"]
    assert rows[1][:4] == ["", "X", "'=1+2", "3"]
    assert "last_name" in rows[1][4]


def test_imp_2_running_job_polls_progress_and_can_be_cancelled(
    sales_admin: User, client_for: ClientFor
) -> None:
    client = client_for(sales_admin)
    job = _upload(client, csv_bytes(["Last name"], [["Lee"]]))
    ImportJob.objects.filter(pk=job.pk).update(
        status=ImportJob.Status.RUNNING, total_rows=10, processed_rows=5
    )
    progress = client.get(f"/imports/{job.pk}/progress/").content.decode()
    assert "hx-get" in progress
    assert 'value="50"' in progress
    client.post(f"/imports/{job.pk}/cancel/")
    job.refresh_from_db()
    assert job.cancel_requested


def test_imp_1_jobs_are_private_to_their_creator(
    sales_admin: User, salesperson: User, client_for: ClientFor
) -> None:
    job = _upload(client_for(sales_admin), csv_bytes(["Last name"], [["Lee"]]))
    other = client_for(salesperson)
    assert other.get(f"/imports/{job.pk}/").status_code == 404
    assert other.get(f"/imports/{job.pk}/rejects.csv").status_code == 404
    assert "people.csv" not in other.get("/imports/").content.decode()
    assert "people.csv" in client_for(sales_admin).get("/imports/").content.decode()


def test_imp_3_import_list_export_holds_own_jobs_only(
    sales_admin: User, salesperson: User, client_for: ClientFor
) -> None:
    _upload(client_for(sales_admin), csv_bytes(["Last name"], [["Lee"]]))
    _upload(client_for(salesperson), csv_bytes(["Last name"], [["Kim"]]))

    def exported(user: User) -> list[dict[str, str]]:
        response = client_for(user).get("/imports/", {"export": "csv"})
        return list(csv.DictReader(io.StringIO(b"".join(response.streaming_content).decode())))

    [own] = exported(sales_admin)
    assert own["File"] == "people.csv"
    assert len(exported(salesperson)) == 1
