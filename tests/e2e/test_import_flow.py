"""Browser test: import a small file with one bad row, download the rejects (IMP-1, IMP-2)."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from openprm.contacts.models import Person
from openprm.identity.catalog import SALES_ADMINISTRATOR
from openprm.identity.models import User
from tests.factories import make_user

pytestmark = pytest.mark.e2e
PASSWORD = "Imp-Pass-2026"


def test_imp_1_import_with_one_bad_row_and_download_rejects(
    signed_in_page: Callable[[User, str], Page], tmp_path: Path
) -> None:
    """IMP-1: import with one bad row and download rejects."""
    user = make_user(SALES_ADMINISTRATOR, username="importer", password=PASSWORD)
    page = signed_in_page(user, PASSWORD)
    source = tmp_path / "people.csv"
    source.write_text(
        "Last name,First name,E-mail\nLee,Ann,ann@example.com\nKay,Bob,not-an-email\n"
    )

    page.get_by_role("link", name="Imports").first.click()
    page.get_by_test_id("empty-list").get_by_role("link", name="New import").click()
    page.get_by_label("What to import").select_option("contacts")
    page.get_by_label("CSV or Excel file").set_input_files(str(source))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_label("E-mail")).to_have_value("email")
    page.get_by_role("button", name="Start import").click()

    expect(page.get_by_test_id("job-status")).to_have_text("Done")
    expect(page.get_by_test_id("job-accepted")).to_have_text("1")
    expect(page.get_by_test_id("job-rejected")).to_have_text("1")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download rejected rows (CSV)").click()
    rejects = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert "Kay,Bob,not-an-email,3," in rejects
    assert "e-mail" in rejects
    assert list(Person.objects.values_list("last_name", flat=True)) == ["Lee"]
