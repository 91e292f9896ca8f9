"""Browser test: a large Excel export runs in the background (IMP-3)."""

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from playwright.sync_api import Page, expect

from openprm.customers.services import account_create
from openprm.identity.catalog import SALES_ADMINISTRATOR
from openprm.identity.models import User
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.e2e
PASSWORD = "Exp-Pass-2026"


def test_imp_3_large_excel_export_shows_progress_then_downloads(
    signed_in_page: Callable[[User, str], Page], settings: Any
) -> None:
    """IMP-3: the Excel link of a list above the inline limit opens the
    export's page, which turns into a download link once the file is ready."""
    settings.EXPORT_INLINE_ROWS = 1
    user = make_user(SALES_ADMINISTRATOR, username="exporter", password=PASSWORD)
    for name in ("Alpha Ltd", "Beta Ltd"):
        account_create(actor=as_actor(user), data={"name": name, "account_type": "customer"})
    page = signed_in_page(user, PASSWORD)
    page.goto("/customers/accounts/?sort=name")
    page.get_by_role("link", name="Export Excel").click()

    expect(page.get_by_test_id("export-status")).to_have_text("Ready")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the Excel file").click()
    assert download_info.value.suggested_filename == "accounts.xlsx"
    content = Path(download_info.value.path()).read_bytes()
    sheet = load_workbook(io.BytesIO(content)).active
    assert [row[1] for row in sheet.iter_rows(min_row=2, values_only=True)] == [
        "Alpha Ltd",
        "Beta Ltd",
    ]
    page.get_by_role("link", name="Back to the list").click()
    expect(page).to_have_url("/customers/accounts/?sort=name")
