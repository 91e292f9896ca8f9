"""Imports through the API (IMP-1, IMP-2): upload, background run, progress,
rejected rows, cancel, privacy."""

from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from openprm.contacts.models import Person
from openprm.identity.models import User
from tests.imports.conftest import csv_bytes

ApiFor = Callable[[User], Client]


def _file(rows: list[list[str]]) -> SimpleUploadedFile:
    data = csv_bytes(["Last name", "First name", "E-mail"], rows)
    return SimpleUploadedFile("people.csv", data, "text/csv")


def test_imp_1_api_upload_runs_and_reports_rejected_rows(
    sales_admin: User, api_client_for: ApiFor, django_capture_on_commit_callbacks: Any
) -> None:
    client = api_client_for(sales_admin)
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            "/api/v1/imports",
            {
                "kind": "contacts",
                "file": _file([["Lee", "Ann", "ann@example.com"], ["", "X", "x"]]),
            },
        )
    assert created.status_code == 201, created.content
    job_id = created.json()["id"]

    job = client.get(f"/api/v1/imports/{job_id}").json()
    assert job["status"] == "done"
    assert (job["accepted_rows"], job["rejected_rows"]) == (1, 1)
    assert Person.objects.filter(last_name="Lee", first_name="Ann").exists()

    rejects = client.get(f"/api/v1/imports/{job_id}/rejects").json()
    assert rejects["count"] == 1
    assert rejects["items"][0]["line"] == 3
    assert any("last_name" in reason for reason in rejects["items"][0]["reasons"])


def test_imp_2_api_job_waits_for_a_mapping_then_starts_and_can_be_cancelled(
    sales_admin: User, api_client_for: ApiFor
) -> None:
    client = api_client_for(sales_admin)
    created = client.post(
        "/api/v1/imports",
        {"kind": "contacts", "file": _file([["Lee", "Ann", ""]]), "start": "false"},
    ).json()
    assert created["status"] == "queued"
    assert created["mapping"]["Last name"] == "last_name"

    bad = client.post(
        f"/api/v1/imports/{created['id']}/start",
        {"mapping": {"Last name": "no_such_field"}},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad["Content-Type"] == "application/problem+json"

    cancelled = client.post(f"/api/v1/imports/{created['id']}/cancel").json()
    assert cancelled["status"] == "cancelled"


def test_imp_1_api_refuses_a_bad_mapping_and_unknown_kind(
    sales_admin: User, api_client_for: ApiFor
) -> None:
    client = api_client_for(sales_admin)
    unknown = client.post("/api/v1/imports", {"kind": "spaceships", "file": _file([])})
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "kind"
    not_json = client.post(
        "/api/v1/imports", {"kind": "contacts", "file": _file([]), "mapping": "{nope"}
    )
    assert not_json.status_code == 422
    assert not_json.json()["errors"][0]["field"] == "mapping"


def test_imp_1_api_jobs_are_private_to_their_creator(
    sales_admin: User, salesperson: User, api_client_for: ApiFor
) -> None:
    job = (
        api_client_for(sales_admin)
        .post(
            "/api/v1/imports",
            {"kind": "contacts", "file": _file([["Lee", "Ann", ""]]), "start": "false"},
        )
        .json()
    )
    other = api_client_for(salesperson)
    assert other.get(f"/api/v1/imports/{job['id']}").status_code == 404
    assert other.post(f"/api/v1/imports/{job['id']}/cancel").status_code == 404
    assert other.get("/api/v1/imports").json()["count"] == 0
