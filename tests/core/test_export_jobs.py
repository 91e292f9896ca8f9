"""IMP-3: Excel exports of large lists run in the background, with a progress
page and a download only their creator can fetch."""

import io
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone
from openpyxl import load_workbook

from openprm.core.exporters.models import ExportJob
from openprm.core.exporters.services import export_job_run
from openprm.core.testing.matrix import background_export, xlsx_cells
from openprm.customers.services import account_create
from openprm.identity.models import User
from openprm.identity.services import resource_create
from openprm.imports.models import ImportJob
from openprm.partners.services import partner_create
from tests.factories import as_actor

ClientFor = Callable[[User], Client]


@pytest.fixture
def accounts(sales_admin: User, salesperson: User) -> None:
    account_create(
        actor=as_actor(salesperson), data={"name": "Mine Inc", "account_type": "customer"}
    )
    account_create(
        actor=as_actor(salesperson), data={"name": "=Also Mine", "account_type": "customer"}
    )
    account_create(
        actor=as_actor(sales_admin), data={"name": "Hidden Corp", "account_type": "customer"}
    )


def _names(content: bytes) -> list[Any]:
    sheet = load_workbook(io.BytesIO(content)).active
    return [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]


def _start(client: Client, capture: Any, query: str = "export=xlsx&sort=name") -> Any:
    with capture(execute=True):
        return client.get(f"/customers/accounts/?{query}")


def test_imp_3_large_excel_export_runs_in_background_then_downloads(
    accounts: None,
    salesperson: User,
    client_for: ClientFor,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Above the inline limit the list answers with the job's page; the file
    holds the visible rows in list order, formulas as text."""
    settings.EXPORT_INLINE_ROWS = 1
    client = client_for(salesperson)
    started = _start(client, django_capture_on_commit_callbacks)
    job = ExportJob.objects.get()
    assert started.status_code == 302
    assert started.url == f"/exports/{job.pk}/"
    assert (job.status, job.total_rows, job.processed_rows) == ("done", 2, 2)
    page = client.get(started.url).content.decode()
    assert "Download the Excel file" in page
    assert f"/exports/{job.pk}/progress/" not in page  # a finished job stops polling
    assert 'href="/customers/accounts/?sort=name"' in page
    download = client.get(f"{started.url}download/")
    assert download["Content-Disposition"] == 'attachment; filename="accounts.xlsx"'
    names = _names(b"".join(download.streaming_content))
    assert names == ["=Also Mine", "Mine Inc"]
    again = b"".join(client.get(f"{started.url}download/").streaming_content)
    sheet = load_workbook(io.BytesIO(again)).active
    assert sheet["B2"].data_type == "s"


def test_imp_3_small_excel_export_downloads_at_once(
    accounts: None, salesperson: User, client_for: ClientFor
) -> None:
    response = client_for(salesperson).get("/customers/accounts/?export=xlsx")
    assert response.status_code == 200
    assert sorted(_names(b"".join(response.streaming_content))) == ["=Also Mine", "Mine Inc"]
    assert not ExportJob.objects.exists()


def test_imp_3_csv_export_always_streams(
    accounts: None, salesperson: User, client_for: ClientFor, settings: Any
) -> None:
    settings.EXPORT_INLINE_ROWS = 0
    response = client_for(salesperson).get("/customers/accounts/?export=csv")
    assert response.status_code == 200
    assert response.streaming
    assert not ExportJob.objects.exists()


def test_imp_3_running_export_polls_its_progress(
    accounts: None, salesperson: User, client_for: ClientFor, settings: Any
) -> None:
    """While the job runs the page polls and shows rows written of rows."""
    settings.EXPORT_INLINE_ROWS = 1
    client = client_for(salesperson)
    started = client.get("/customers/accounts/?export=xlsx")
    job = ExportJob.objects.get()
    assert job.status == "queued"
    ExportJob.objects.filter(pk=job.pk).update(
        status="running", total_rows=4000, processed_rows=1000
    )
    progress = client.get(f"{started.url}progress/").content.decode()
    assert "1,000 of 4,000 rows" in progress
    assert 'value="25"' in progress
    assert f'hx-get="/exports/{job.pk}/progress/"' in progress
    assert "Download" not in progress
    assert client.get(f"{started.url}download/").status_code == 404


def test_imp_3_an_export_is_its_creators_alone(
    accounts: None,
    salesperson: User,
    sales_admin: User,
    client_for: ClientFor,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """Another user, even one who sees more, gets 404 for the job, its
    progress and its file."""
    settings.EXPORT_INLINE_ROWS = 1
    started = _start(client_for(salesperson), django_capture_on_commit_callbacks)
    other = client_for(sales_admin)
    for suffix in ("", "progress/", "download/"):
        assert other.get(f"{started.url}{suffix}").status_code == 404
    assert Client().get(started.url).status_code == 302
    assert "No exports in the last seven days." in other.get("/exports/").content.decode()
    mine = client_for(salesperson).get("/exports/").content.decode()
    assert f'href="{started.url}download/"' in mine
    assert 'href="/customers/accounts/?sort=name"' in mine


def test_imp_3_an_export_fails_visibly_when_its_creator_lost_access(
    accounts: None, salesperson: User, client_for: ClientFor, settings: Any
) -> None:
    """The job runs as its creator is then: deactivated, nothing is written."""
    settings.EXPORT_INLINE_ROWS = 1
    client_for(salesperson).get("/customers/accounts/?export=xlsx")
    job = ExportJob.objects.get()
    User.objects.filter(pk=salesperson.pk).update(is_active=False)
    job = export_job_run(ExportJob.objects.select_related("created_by").get(pk=job.pk))
    assert job.status == "failed"
    assert job.error == "This list is no longer available to you."
    assert not job.file


def test_imp_3_exports_older_than_a_week_are_removed(
    accounts: None,
    salesperson: User,
    client_for: ClientFor,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    settings.EXPORT_INLINE_ROWS = 1
    client = client_for(salesperson)
    _start(client, django_capture_on_commit_callbacks)
    old = ExportJob.objects.get()
    path = old.file.path
    ExportJob.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=8))
    _start(client, django_capture_on_commit_callbacks)
    assert list(ExportJob.objects.values_list("status", flat=True)) == ["done"]
    assert not ExportJob.objects.filter(pk=old.pk).exists()
    assert not Path(path).exists()


def test_imp_3_other_lists_export_the_same_workbook_in_the_background(
    admin_user: User,
    channel_manager: User,
    sales_admin: User,
    client_for: ClientFor,
    settings: Any,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """The lists the list matrices do not read (users, resources, partners,
    a partner's contacts, imports) give the same cells from a job as inline."""
    partner = partner_create(
        actor=as_actor(channel_manager),
        data={"name": "Northwind"},
        primary_contact={"first_name": "Pat", "last_name": "=Admin"},
    )
    resource_create(actor=as_actor(admin_user), name="=Boss")
    ImportJob.objects.create(kind="contacts", created_by=sales_admin, original_name="=x.csv")
    reads = [
        (admin_user, "/account/users/?export=xlsx"),
        (admin_user, "/account/resources/?export=xlsx"),
        (channel_manager, "/partners/?export=xlsx"),
        (channel_manager, f"/partners/{partner.pk}/?tab=contacts&export=xlsx"),
        (sales_admin, "/imports/?export=xlsx"),
    ]
    fetch = background_export(django_capture_on_commit_callbacks)
    for user, path in reads:
        client = client_for(user)
        settings.EXPORT_INLINE_ROWS = 10_000
        inline = xlsx_cells(client.get(path))
        settings.EXPORT_INLINE_ROWS = 0
        background = xlsx_cells(fetch(client, path))
        assert len(inline) > 1, path
        assert background == inline, path
    assert ExportJob.objects.count() == len(reads)
