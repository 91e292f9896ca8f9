"""Update instead of skip (issue 18, IMP-1, CUS-1, CON-2): rows matching an
existing record update the fields the file gives; equal rows count as
unchanged; nothing is ever duplicated."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from openprm.contacts.models import ContactPoint, Person
from openprm.contacts.services import contact_create
from openprm.core.audit.models import AuditEntry
from openprm.core.errors import ValidationFailed
from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.identity.models import User
from openprm.imports.models import ImportJob
from openprm.imports.services.job_setup import job_create, job_set_mapping
from openprm.imports.services.runs import job_run
from tests.factories import as_actor
from tests.imports.conftest import csv_bytes

ACCOUNT_HEADER = ["External ID", "Name", "City", "Country", "Industry"]


def _run(user: User, kind: str, data: bytes, **options: Any) -> ImportJob:
    job = job_create(
        actor=as_actor(user), kind=kind, upload=ContentFile(data, name="f.csv"), name="f.csv"
    )
    job = job_set_mapping(actor=as_actor(user), job=job, mapping=job.mapping, **options)
    return job_run(job, batch_size=2)


def _reasons(job: ImportJob) -> dict[int, str]:
    return {r.line: r.reason_text for r in job.rejects.all()}


def test_imp_1_accounts_matching_an_earlier_import_update_instead_of_skipping(
    sales_admin: User,
) -> None:
    first = csv_bytes(
        ACCOUNT_HEADER, [["A-1", "Acme", "Berlin", "DE", ""], ["A-2", "Beta", "Bonn", "DE", ""]]
    )
    _run(sales_admin, "accounts", first)
    acme = Account.objects.get(name="Acme")
    again = csv_bytes(
        ACCOUNT_HEADER,
        [
            ["A-1", "Acme", "München", "Deutschland", "Not an industry"],
            ["A-2", "Beta", "Bonn", "Germany", ""],  # the same values: unchanged
            ["A-3", "Gamma", "", "", ""],
        ],
    )
    job = _run(sales_admin, "accounts", again, existing="update")
    assert (job.updated_rows, job.unchanged_rows, job.accepted_rows) == (1, 1, 1)
    assert (job.skipped_rows, job.rejected_rows, job.other_kind_rows) == (0, 0, 0)
    assert Account.objects.count() == 3
    acme.refresh_from_db()
    assert (acme.city, acme.version) == ("München", 2)
    assert [(w.line, w.column) for w in job.warnings.all()] == [(2, "Industry")]
    entry = AuditEntry.objects.filter(object_id=str(acme.pk), action="update").get()
    assert entry.changes["city"] == ["Berlin", "München"]


def test_imp_1_cus_1_an_account_matched_by_the_duplicate_rule_is_updated_and_keyed(
    sales_admin: User,
) -> None:
    """A near-identical name at the same postal code is the same account:
    updated, and remembered under the row's external id for next time."""
    acme = account_create(
        actor=as_actor(sales_admin),
        data={"name": "Acme GmbH", "postal_code": "10115", "country": "DE"},
    )
    data = csv_bytes(
        ["Id", "Account Name", "Zip", "Country", "City"],
        [["SF-1", "ACME GmbH.", "10115", "Germany", "Berlin"]],
    )
    job = _run(sales_admin, "accounts", data, existing="update")
    assert (job.updated_rows, job.accepted_rows, job.rejected_rows) == (1, 0, 0)
    acme.refresh_from_db()
    assert acme.city == "Berlin"
    again = _run(sales_admin, "accounts", data, existing="update")
    assert (again.unchanged_rows, again.accepted_rows) == (1, 0)
    assert Account.objects.count() == 1


def test_imp_1_con_2_contacts_matching_by_e_mail_or_external_id_are_updated(
    sales_admin: User,
) -> None:
    """Matched by the CON-2 e-mail rule or an earlier import's external id:
    the person's fields the file gives change, its new phones are added,
    an equal row is unchanged, and no contact is created twice."""
    ann = contact_create(
        actor=as_actor(sales_admin), last_name="Lee", first_name="Ann", email="ann@example.com"
    )
    header = ["Contact ID", "First name", "Last name", "E-mail", "Title", "Mobile"]
    first = csv_bytes(header, [["C-9", "Bob", "Kay", "", "", ""]])
    _run(sales_admin, "contacts", first)
    data = csv_bytes(
        header,
        [
            ["", "Ann", "Lee", "ANN@example.com", "CTO", "+49 170 1234567"],
            ["C-9", "Robert", "Kay", "", "", ""],
            ["", "Ann", "Lee", "ann@example.com", "CTO", "+49 170 1234567"],  # now equal
        ],
    )
    job = _run(sales_admin, "contacts", data, existing="update")
    assert (job.updated_rows, job.unchanged_rows, job.accepted_rows) == (2, 1, 0)
    assert job.rejected_rows == 0, _reasons(job)
    assert Person.objects.count() == 2
    ann.refresh_from_db()
    assert ann.job_title == "CTO"
    assert set(ann.contact_points.values_list("kind", "purpose", "phone")) >= {
        (ContactPoint.Kind.PHONE, ContactPoint.Purpose.MOBILE, "+491701234567")
    }
    assert Person.objects.get(last_name="Kay").first_name == "Robert"


def test_imp_1_by_default_a_matching_row_is_still_skipped(sales_admin: User) -> None:
    data = csv_bytes(ACCOUNT_HEADER, [["A-1", "Acme", "Berlin", "DE", ""]])
    _run(sales_admin, "accounts", data)
    moved = csv_bytes(ACCOUNT_HEADER, [["A-1", "Acme", "Bonn", "DE", ""]])
    job = _run(sales_admin, "accounts", moved)
    assert (job.skipped_rows, job.updated_rows) == (1, 0)
    assert Account.objects.get().city == "Berlin"


def test_imp_1_an_update_keeps_the_rules_of_a_create(sales_admin: User) -> None:
    """A bad optional value is left out with a warning; a required value the
    rules refuse rejects the row and changes nothing (IMP-1)."""
    first = csv_bytes(["External ID", "Name"], [["A-1", "Acme"], ["A-2", "Beta"]])
    _run(sales_admin, "accounts", first)
    data = csv_bytes(
        ["External ID", "Name", "Annual revenue"], [["A-1", "Acme", "-5"], ["A-2", "B" * 300, ""]]
    )
    job = _run(sales_admin, "accounts", data, existing="update")
    assert (job.unchanged_rows, job.warning_count, job.rejected_rows) == (1, 1, 1)
    assert _reasons(job)[3].startswith("name:")
    assert set(Account.objects.values_list("name", "annual_revenue")) == {
        ("Acme", None),
        ("Beta", None),
    }


def test_imp_1_kinds_without_updates_refuse_the_option(sales_admin: User) -> None:
    data = csv_bytes(["Name"], [["Partner Co"]])
    with pytest.raises(ValidationFailed) as refused:
        job_create(
            actor=as_actor(sales_admin),
            kind="partners",
            upload=ContentFile(data, name="p.csv"),
            existing="update",
        )
    assert "existing" in refused.value.field_errors


def test_imp_1_api_existing_update_and_mapping_page_choice(
    sales_admin: User,
    api_client_for: Callable[[User], Client],
    client_for: Callable[[User], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    account_create(actor=as_actor(sales_admin), data={"name": "Acme", "country": "US"})
    client = api_client_for(sales_admin)
    upload = SimpleUploadedFile(
        "a.csv", csv_bytes(["Name", "Country", "City"], [["Acme", "US", "Austin"]])
    )
    with django_capture_on_commit_callbacks(execute=True):
        created = client.post(
            "/api/v1/imports", {"kind": "accounts", "file": upload, "existing": "update"}
        )
    assert created.status_code == 201, created.content
    job = client.get(f"/api/v1/imports/{created.json()['id']}").json()
    assert (job["existing"], job["updated_rows"], job["accepted_rows"]) == ("update", 1, 0)
    assert Account.objects.get().city == "Austin"

    page = client_for(sales_admin).get(f"/imports/{job['id']}/mapping/")
    assert page.status_code == 302  # started: the mapping page leads to the result
    queued = job_create(
        actor=as_actor(sales_admin), kind="accounts", upload=ContentFile(b"Name\nX\n", name="b.csv")
    )
    form = client_for(sales_admin).get(f"/imports/{queued.pk}/mapping/").content.decode()
    assert "When a row matches an existing record" in form
