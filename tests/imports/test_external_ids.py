"""The API returns the external id a client's import gave each account and
contact, so a migrating client maps its own ids back (issue 18)."""

from collections.abc import Callable
from typing import Any

from django.core.files.base import ContentFile
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from openprm.contacts.models import Person
from openprm.customers.models import Account
from openprm.identity.catalog import SALES_ADMINISTRATOR
from openprm.identity.models import User
from openprm.imports.external_ids import EXTERNAL_ID_SQL, KEYS
from openprm.imports.services.job_setup import job_create
from openprm.imports.services.runs import job_run
from tests.factories import as_actor, make_user
from tests.imports.conftest import csv_bytes

ApiFor = Callable[[User], Client]


def _import(user: User, kind: str, data: bytes) -> None:
    job = job_create(
        actor=as_actor(user), kind=kind, upload=ContentFile(data, name="f.csv"), name="f.csv"
    )
    job_run(job)


def _items(response: Any) -> dict[str, Any]:
    assert response.status_code == 200, response.content
    return {item.get("name") or item["last_name"]: item for item in response.json()["items"]}


def test_imp_1_accounts_and_contacts_carry_the_callers_external_id(
    sales_admin: User, api_client_for: ApiFor
) -> None:
    _import(
        sales_admin,
        "accounts",
        csv_bytes(["Id", "Account Name", "Country"], [["001A", "Acme", "US"], ["", "Beta", "US"]]),
    )
    _import(
        sales_admin,
        "contacts",
        csv_bytes(["Contact ID", "Last name", "Company"], [["003X", "Lee", "Acme"]]),
    )
    acme, lee = Account.objects.get(name="Acme"), Person.objects.get(last_name="Lee")
    client = api_client_for(sales_admin)

    accounts = _items(client.get("/api/v1/accounts"))
    assert (accounts["Acme"]["external_id"], accounts["Beta"]["external_id"]) == ("001A", None)
    assert client.get(f"/api/v1/accounts/{acme.pk}").json()["external_id"] == "001A"
    contacts = _items(client.get("/api/v1/contacts", {"q": "Lee"}))
    assert contacts["Lee"]["external_id"] == "003X"
    assert client.get(f"/api/v1/contacts/{lee.pk}").json()["external_id"] == "003X"
    nested = client.get(f"/api/v1/accounts/{acme.pk}/contacts").json()["items"]
    assert nested[0]["contact"]["external_id"] == "003X"

    other = api_client_for(make_user(SALES_ADMINISTRATOR, username="other"))
    assert other.get(f"/api/v1/accounts/{acme.pk}").json()["external_id"] is None


def test_imp_1_account_list_reads_external_ids_in_constant_queries(
    sales_admin: User, api_client_for: ApiFor, django_assert_max_num_queries: Any
) -> None:
    rows = [[f"ID-{n}", f"Account {n}", "US"] for n in range(30)]
    _import(sales_admin, "accounts", csv_bytes(["Id", "Account Name", "Country"], rows))
    client = api_client_for(sales_admin)
    client.get("/api/v1/accounts")
    with django_assert_max_num_queries(12):
        page = client.get("/api/v1/accounts", {"page_size": 30}).json()["items"]
    assert {a["external_id"] for a in page} == {f"ID-{n}" for n in range(30)}


def test_imp_1_one_records_external_id_is_one_fixed_statement(
    sales_admin: User, api_client_for: ApiFor
) -> None:
    """A record read through the API looks its external id up with one
    statement, the same text for an account and a contact (only the
    parameters differ), however many kinds of record carry import keys."""
    _import(
        sales_admin,
        "accounts",
        csv_bytes(["Id", "Account Name", "Country"], [["A1", "Acme", "US"]]),
    )
    _import(
        sales_admin,
        "contacts",
        csv_bytes(["Contact ID", "Last name", "Company"], [["C1", "Lee", "Acme"]]),
    )
    acme, lee = Account.objects.get(name="Acme"), Person.objects.get(last_name="Lee")
    client = api_client_for(sales_admin)
    fixed = EXTERNAL_ID_SQL.split("%s")[0]
    for path, expected in (
        (f"/api/v1/accounts/{acme.pk}", "A1"),
        (f"/api/v1/contacts/{lee.pk}", "C1"),
    ):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(path).json()["external_id"] == expected
        lookups = [q["sql"] for q in captured.captured_queries if KEYS in q["sql"]]
        assert len(lookups) == 1, lookups
        assert lookups[0].startswith(fixed)
