"""Broken CSV and Excel files pushed through both import entry points (the
import page and the import API), as a careless or hostile user would:
each is refused with a clear message next to the file (page) or a 422 problem
naming `file` (API), and no import job is created (IMP-1).

The corpus is generated here, so it documents what "broken" covers.
"""

import io
import os
import random
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from openprm.core.apikit.problems import PROBLEM_CONTENT_TYPE
from openprm.identity.models import User
from openprm.imports.models import ImportJob

pytestmark = pytest.mark.django_db

HEADER = "Last name,First name,E-mail\r\n"


def _xlsx(rows: list[list[str]]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _zip_of_text() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    return buffer.getvalue()


def _random_bytes(size: int) -> bytes:
    return random.Random(size).randbytes(size)


GOOD_XLSX = _xlsx([["Last name", "First name"], ["Lee", "Ann"]])

BROKEN_FILES: dict[str, tuple[str, bytes]] = {
    "truncated xlsx": ("people.xlsx", GOOD_XLSX[: len(GOOD_XLSX) // 2]),
    "random bytes named xlsx": ("people.xlsx", _random_bytes(4096)),
    "a few bytes named xlsx": ("people.xlsx", b"PK\x03\x04oops"),
    "csv text named xlsx": ("people.xlsx", (HEADER + "Lee,Ann,a@example.com\r\n").encode()),
    "zip without a workbook": ("people.xlsx", _zip_of_text()),
    "empty xlsx sheet": ("people.xlsx", _xlsx([])),
    "header-only xlsx": ("people.xlsx", _xlsx([["Last name", "First name"]])),
    "empty csv": ("people.csv", b""),
    "byte order mark only": ("people.csv", b"\xef\xbb\xbf"),
    "blank lines only": ("people.csv", b"\r\n\r\n\r\n"),
    "header-only csv": ("people.csv", HEADER.encode()),
    "binary in csv": ("people.csv", b"\x89PNG\r\n\x1a\n" + _random_bytes(4096)),
    "nul bytes in csv": ("people.csv", (HEADER + "Lee,A\x00nn,a@example.com\r\n").encode()),
    "utf-16 without byte order mark": (
        "people.csv",
        (HEADER + "Lee,Ann,a@example.com\r\n").encode("utf-16-le"),
    ),
    "utf-32 without byte order mark": (
        "people.csv",
        (HEADER + "Lee,Ann,a@example.com\r\n").encode("utf-32-le"),
    ),
    "huge line": ("people.csv", (HEADER + "Lee," + "A" * 200_000 + ",a@x.com\r\n").encode()),
    "huge header": ("people.csv", ("Last name," + "x" * 200_000 + "\r\nLee,Ann\r\n").encode()),
    "one unknown column": ("people.csv", b"Shoe size\r\n42\r\n"),
    "executable named csv": ("people.csv", b"MZ\x90\x00\x03\x00\x00\x00" + os.urandom(512)),
}


def nothing_kept() -> bool:
    """No import job, and no stored copy of the refused file."""
    stored = Path(settings.MEDIA_ROOT) / "imports"
    return not ImportJob.objects.exists() and not any(stored.glob("*"))


@pytest.fixture
def page(sales_admin: User, client_for: Callable[[User], Client]) -> Client:
    return client_for(sales_admin)


@pytest.fixture
def api(sales_admin: User, api_client_for: Callable[[User], Client]) -> Client:
    return api_client_for(sales_admin)


@pytest.mark.parametrize("case", BROKEN_FILES, ids=str)
def test_import_page_refuses_a_broken_file_on_the_form(page: Client, case: str) -> None:
    name, data = BROKEN_FILES[case]
    response = page.post(
        "/imports/new/", {"kind": "contacts", "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 200, case
    form = response.context["form"]
    assert form.errors, case
    messages = [str(m) for errors in form.errors.values() for m in errors]
    assert all(len(m) > 10 for m in messages), messages
    assert nothing_kept()


@pytest.mark.parametrize("case", BROKEN_FILES, ids=str)
def test_import_api_refuses_a_broken_file_with_a_422_problem(api: Client, case: str) -> None:
    name, data = BROKEN_FILES[case]
    response = api.post(
        "/api/v1/imports", {"kind": "contacts", "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 422, (case, response.status_code, response.content[:300])
    assert response["Content-Type"] == PROBLEM_CONTENT_TYPE
    problem = response.json()
    fields = {error["field"] for error in problem["errors"]}
    assert fields & {"file", "mapping"}, problem
    assert all(len(error["message"]) > 10 for error in problem["errors"]), problem
    assert nothing_kept()


def test_a_good_file_next_to_the_corpus_is_still_accepted(api: Client) -> None:
    """The guard refuses broken files only: the same rows, well formed, import."""
    for name, data in [
        ("people.xlsx", GOOD_XLSX),
        ("people.csv", (HEADER + "Lee,Ann,a@example.com\r\n").encode("utf-16")),
        ("people.csv", (HEADER + "Lee,Ann,a@example.com\r\n").encode("utf-32")),
        ("people.csv", (HEADER + "Lée,Ann,a@example.com\r\n").encode("latin-1")),
    ]:
        response = api.post(
            "/api/v1/imports",
            {"kind": "contacts", "file": SimpleUploadedFile(name, data), "start": "false"},
        )
        assert response.status_code == 201, (name, response.content)
