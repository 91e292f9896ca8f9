"""Issue 18 "A bad optional value does not lose the row" (IMP-1): the row is
imported without the value, which is listed with its line, column and
reason on the result page, in the downloadable report and by the API; a
required field still rejects."""

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone

from openprm.customers.models import Account
from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import User
from openprm.imports.models import ImportJob
from openprm.imports.services.job_control import abandoned_uploads_delete
from openprm.imports.services.job_setup import job_create
from tests.factories import as_actor, make_user
from tests.imports.conftest import csv_bytes

pytestmark = pytest.mark.django_db

HEADER = ["Account Name", "Billing Country", "Billing State/Province", "Industry", "Employees"]
ROWS = [
    ["Müller Maschinenbau GmbH", "Deutschland", "Bayern", "Manufacturing", ""],
    ["Atlantis Trading", "Atlantis", "", "", ""],
    ["Nordlicht AS", "Norway", "Narnia", "", ""],
    ["", "US", "CA", "", ""],
]
MAPPING = {
    "Account Name": "name",
    "Billing Country": "country",
    "Billing State/Province": "region",
    "Industry": "industry",
}


def test_imp_1_bad_optional_values_are_left_out_and_listed(
    sales_admin: User, run_import: Any, client_for: Any, api_client_for: Any
) -> None:
    job = run_import(sales_admin, "accounts", csv_bytes(HEADER, ROWS), mapping=MAPPING)
    assert (job.accepted_rows, job.rejected_rows, job.warning_count) == (3, 1, 2)
    places = dict(Account.objects.values_list("name", "region"))
    assert places == {
        "Müller Maschinenbau GmbH": "DE-BY",
        "Atlantis Trading": "",
        "Nordlicht AS": "",
    }
    assert [r.line for r in job.rejects.all()] == [5]  # the name is required

    page = client_for(sales_admin).get(f"/imports/{job.pk}/").content.decode()
    assert "“Atlantis” is not a country we know" in page
    assert "“Narnia” is not a region of Norway." in page
    report = client_for(sales_admin).get(f"/imports/{job.pk}/warnings.csv")
    lines = b"".join(report.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == "Line,Column,Value,Reason"
    assert lines[1].startswith("3,Billing Country,Atlantis,")
    assert lines[2] == "4,Billing State/Province,Narnia,“Narnia” is not a region of Norway."

    listed = api_client_for(sales_admin).get(f"/api/v1/imports/{job.pk}/warnings").json()
    assert [(w["line"], w["column"], w["value"]) for w in listed["items"]] == [
        (3, "Billing Country", "Atlantis"),
        (4, "Billing State/Province", "Narnia"),
    ]


def test_imp_1_a_value_another_one_needs_still_rejects_the_row(
    sales_admin: User, run_import: Any
) -> None:
    """A street address needs its country (CUS-4): without it, the row is refused."""
    job = run_import(
        sales_admin,
        "accounts",
        csv_bytes(
            ["Name", "Street", "City", "Zip", "Country"],
            [["Atlantis Trading", "1 Main St", "Poseidonia", "12345", "Atlantis"]],
        ),
    )
    assert job.accepted_rows == 0
    assert "“Atlantis”" in job.rejects.get().reason_text


def test_imp_1_owners_are_matched_by_user_name_or_e_mail(
    sales_admin: User, run_import: Any
) -> None:
    """Issue 18 "owners matched by e-mail or user name"; an unknown owner is
    a value left out: the importer owns the account."""
    make_user(SALESPERSON, username="jdoe", email="Jane.Doe@example.com")
    job = run_import(
        sales_admin,
        "accounts",
        csv_bytes(
            ["Name", "Account Owner"],
            [["By mail", "jane.doe@EXAMPLE.com"], ["By name", "jdoe"], ["Nobody's", "ghost"]],
        ),
    )
    owners = dict(Account.objects.values_list("name", "owner__username"))
    assert owners == {"By mail": "jdoe", "By name": "jdoe", "Nobody's": sales_admin.username}
    assert [(w.line, w.value) for w in job.warnings.all()] == [(4, "ghost")]


def test_issue_18_abandoned_uploads_expire_with_their_file(
    sales_admin: User, run_import: Any
) -> None:
    """An upload nobody started within a week goes, with its file; started
    imports stay."""
    done = run_import(sales_admin, "accounts", csv_bytes(["Name"], [["Acme"]]))
    left = job_create(
        actor=as_actor(sales_admin),
        kind="accounts",
        upload=ContentFile(csv_bytes(["Name"], [["Globex"]]), name="left.csv"),
    )
    path = Path(left.file.path)
    assert abandoned_uploads_delete() == 0
    later = timezone.now() + dt.timedelta(days=8)
    assert abandoned_uploads_delete(later) == 1
    assert list(ImportJob.objects.values_list("pk", flat=True)) == [done.pk]
    assert not path.exists()
