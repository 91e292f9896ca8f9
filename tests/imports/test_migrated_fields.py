"""Issue 18 "The fields migrations carry" on import (IMP-1): an account's
phone, web site and tax ID, a contact's salutation and other phone; a bad
one is a value left out with a warning, never a lost row; the update mode
updates them too."""

from typing import Any

import pytest
from django.core.files.base import ContentFile

from openprm.contacts.models import ContactPoint, Person
from openprm.contacts.services import contact_create
from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.identity.models import User
from openprm.imports.models import ImportJob
from openprm.imports.services.job_setup import job_create, job_set_mapping
from openprm.imports.services.runs import job_run
from tests.factories import as_actor
from tests.imports.conftest import csv_bytes

pytestmark = pytest.mark.django_db


def _warnings(job: ImportJob) -> list[tuple[int, str, str]]:
    return [(w.line, w.column, w.value) for w in job.warnings.all()]


def test_imp_1_an_account_with_a_bad_phone_or_web_site_is_kept_with_warnings(
    sales_admin: User, run_import: Any
) -> None:
    """IMP-1: the account comes in without the bad values, each listed."""
    data = csv_bytes(
        ["Name", "Country", "Phone", "Website", "VAT"],
        [
            ["Globex GmbH", "Germany", "089 3090 7700", "www.globex.de", " DE123456789 "],
            ["Initech", "US", "call us", "not a site", "US-1"],
            ["Hooli", "US", "", "", "T" * 41],
        ],
    )
    job = run_import(sales_admin, "accounts", data)
    assert (job.accepted_rows, job.rejected_rows) == (3, 0)
    globex = Account.objects.get(name="Globex GmbH")
    assert (globex.phone, globex.website, globex.tax_id) == (
        "+498930907700",
        "https://www.globex.de",
        "DE123456789",
    )
    initech = Account.objects.get(name="Initech")
    assert (initech.phone, initech.website, initech.tax_id) == ("", "", "US-1")
    assert Account.objects.get(name="Hooli").tax_id == ""
    assert _warnings(job) == [
        (3, "Phone", "call us"),
        (3, "Website", "not a site"),
        (4, "VAT", "T" * 41),
    ]


def test_imp_1_a_contact_with_an_unknown_salutation_or_bad_other_phone_is_kept(
    sales_admin: User, run_import: Any
) -> None:
    """IMP-1: salutations by code or label; one we do not know, or an
    other phone that is no number, is left out with a warning."""
    data = csv_bytes(
        ["Salutation", "First name", "Last name", "E-mail", "Other phone"],
        [
            ["Mr.", "Homer", "Simpson", "homer@example.com", "+1 217 555 0102"],
            ["Sir", "Alex", "Ferguson", "alex@example.com", "nope"],
        ],
    )
    job = run_import(sales_admin, "contacts", data)
    assert (job.accepted_rows, job.rejected_rows) == (2, 0)
    homer = Person.objects.get(last_name="Simpson")
    assert homer.salutation == "MR"
    other = homer.contact_points.get(purpose=ContactPoint.Purpose.OTHER)
    assert (other.kind, other.phone) == (ContactPoint.Kind.PHONE, "+12175550102")
    alex = Person.objects.get(last_name="Ferguson")
    assert alex.salutation == ""
    assert not alex.contact_points.filter(kind=ContactPoint.Kind.PHONE).exists()
    assert sorted(_warnings(job)) == [(3, "Other phone", "nope"), (3, "Salutation", "Sir")]


def _run_update(user: User, kind: str, data: bytes) -> ImportJob:
    job = job_create(
        actor=as_actor(user), kind=kind, upload=ContentFile(data, name="f.csv"), name="f.csv"
    )
    job = job_set_mapping(actor=as_actor(user), job=job, mapping=job.mapping, existing="update")
    return job_run(job)


def test_imp_1_the_update_mode_updates_phone_web_site_tax_id_and_salutation(
    sales_admin: User,
) -> None:
    """IMP-1 "Update or skip existing records": the new fields change as
    the others do; a new other phone is added to the contact."""
    acme = account_create(
        actor=as_actor(sales_admin),
        data={"name": "Acme GmbH", "postal_code": "10115", "country": "DE"},
    )
    job = _run_update(
        sales_admin,
        "accounts",
        csv_bytes(
            ["Name", "Postal code", "Country", "Phone", "Web site", "Tax ID"],
            [["Acme GmbH", "10115", "DE", "030 1234567", "acme.de", "DE999"]],
        ),
    )
    assert (job.updated_rows, job.accepted_rows, job.rejected_rows) == (1, 0, 0)
    acme.refresh_from_db()
    assert (acme.phone, acme.website, acme.tax_id) == ("+49301234567", "https://acme.de", "DE999")

    ann = contact_create(actor=as_actor(sales_admin), last_name="Lee", email="ann@example.com")
    job = _run_update(
        sales_admin,
        "contacts",
        csv_bytes(
            ["Salutation", "Last name", "E-mail", "Other phone"],
            [["Dr.", "Lee", "ann@example.com", "+49 170 1234567"]],
        ),
    )
    assert (job.updated_rows, job.accepted_rows, job.rejected_rows) == (1, 0, 0)
    ann.refresh_from_db()
    assert ann.salutation == "DR"
    assert ann.contact_points.get(purpose=ContactPoint.Purpose.OTHER).phone == "+491701234567"
