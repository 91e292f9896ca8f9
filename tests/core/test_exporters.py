"""CSV and Excel exports (IMP-3): neutralized formulas, streaming, visibility."""

import csv
import io
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from openprm.core.exporters import tabular
from openprm.core.exporters.tabular import csv_response, safe_cell, streamed, xlsx_response
from openprm.customers.services import account_create
from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import User
from tests.factories import as_actor, make_user

COLUMNS = [("Name", lambda r: r["name"]), ("Amount", lambda r: r["amount"])]


@pytest.mark.parametrize("dangerous", ["=1+2", "+SUM(A1)", "-2+3", "@cmd", "\tx", "\rx"])
def test_imp_3_formula_looking_cells_are_neutralized(dangerous: str) -> None:
    assert safe_cell(dangerous) == "'" + dangerous


def test_imp_3_plain_values_are_kept() -> None:
    assert safe_cell("Acme") == "Acme"
    assert safe_cell(None) == ""
    assert safe_cell(-5) == -5
    assert safe_cell(2.5) == 2.5


def test_imp_3_csv_streams_rows_with_neutralized_cells() -> None:
    records = ({"name": f"=cmd{i}", "amount": i} for i in range(3))
    response = csv_response(records, COLUMNS, "things")
    assert response.streaming
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["Name", "Amount"]
    assert rows[1] == ["'=cmd0", "0"]
    assert len(rows) == 4


@pytest.mark.django_db
def test_imp_3_csv_download_reads_the_rows_chunk_by_chunk_as_it_proceeds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """IMP-3: the header leaves before any row is read and each chunk of rows
    (with its prefetched relations) is read only when the download reaches
    it, so a 1,000,000-row export starts at once and fits in constant memory
    (benchmarks/export_memory.py measures it)."""
    monkeypatch.setattr(tabular, "CSV_BLOCK", 1)
    for number in range(5):
        make_user(SALESPERSON, username=f"export{number}")
    users = User.objects.filter(username__startswith="export").order_by("username")
    response = csv_response(
        streamed(users.prefetch_related("roles"), chunk_size=2),
        [("User", lambda u: u.username), ("Roles", lambda u: len(u.roles.all()))],
        "users",
    )
    with CaptureQueriesContext(connection) as queries:
        blocks = iter(response.streaming_content)

        def role_reads() -> int:
            return sum("identity_role" in query["sql"] for query in queries.captured_queries)

        assert next(blocks).decode("utf-8-sig") == "User,Roles\r\n"
        assert role_reads() == 0
        assert next(blocks) == b"export0,1\r\n"
        assert role_reads() == 1
        assert [next(blocks) for _ in range(2)] == [b"export1,1\r\n", b"export2,1\r\n"]
        assert role_reads() == 2
        assert b"".join(blocks) == b"export3,1\r\nexport4,1\r\n"
        assert role_reads() == 3


@pytest.mark.parametrize("text", ['=HYPERLINK("x")', "+1 415 555 0100", "-3", "@SUM(A1)"])
def test_imp_3_xlsx_cells_are_text_not_formulas(text: str) -> None:
    """IMP-3: in Excel every text is a string cell with its exact value —
    never a formula, and no apostrophe in front of a phone number."""
    response = xlsx_response([{"name": text, "amount": 3}], COLUMNS, "things")
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    sheet = workbook.active
    assert sheet["A2"].value == text
    assert sheet["A2"].data_type == "s"
    assert sheet["B2"].value == 3


def test_imp_3_account_export_holds_exactly_the_visible_rows(
    sales_admin: User, salesperson: User, client_for: Callable[[User], Client]
) -> None:
    """TEAM-5: a salesperson's export lists only the accounts they may see."""
    account_create(
        actor=as_actor(salesperson), data={"name": "Mine Inc", "account_type": "customer"}
    )
    account_create(
        actor=as_actor(sales_admin), data={"name": "=Hidden Corp", "account_type": "customer"}
    )
    for fmt in ("csv", "xlsx"):
        response = client_for(salesperson).get("/customers/accounts/", {"export": fmt})
        content = b"".join(response.streaming_content)
        if fmt == "csv":
            names = [row[1] for row in csv.reader(io.StringIO(content.decode("utf-8-sig")))][1:]
        else:
            sheet = load_workbook(io.BytesIO(content)).active
            names = [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)]
        assert names == ["Mine Inc"]
    admin_csv = b"".join(
        client_for(sales_admin).get("/customers/accounts/", {"export": "csv"}).streaming_content
    ).decode("utf-8-sig")
    assert "'=Hidden Corp" in admin_csv


def test_imp_3_headers_may_be_translated_lazily() -> None:
    """IMP-3: headers translated per request (lazy strings) export in both formats."""
    from django.utils.translation import gettext_lazy

    columns = [(gettext_lazy("Name"), lambda r: r["name"])]
    xlsx = xlsx_response([{"name": "Acme"}], columns, "things")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).active
    assert [c.value for c in sheet[1]] == ["Name"]
    text = b"".join(csv_response([{"name": "Acme"}], columns, "things").streaming_content)
    assert text.decode("utf-8-sig").splitlines() == ["Name", "Acme"]
