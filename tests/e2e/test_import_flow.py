"""Browser tests: import a small file with one bad row and download the
rejects (IMP-1, IMP-2); walk a Salesforce export through its preset, the
value mapping and the warnings download (issue 18)."""

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from openprm.contacts.models import Person
from openprm.customers.models import Account
from openprm.identity.catalog import SALES_ADMINISTRATOR
from openprm.identity.models import User
from tests.factories import make_user

pytestmark = pytest.mark.e2e
PASSWORD = "Imp-Pass-2026"
FIXTURES = Path(__file__).parent.parent / "imports" / "fixtures" / "salesforce"


def test_imp_1_import_with_one_bad_row_and_download_rejects(
    signed_in_page: Callable[[User, str], Page], tmp_path: Path
) -> None:
    """IMP-1: import with one bad row and download rejects."""
    user = make_user(SALES_ADMINISTRATOR, username="importer", password=PASSWORD)
    page = signed_in_page(user, PASSWORD)
    source = tmp_path / "people.csv"
    source.write_text(
        "Last name,First name,E-mail\nLee,Ann,ann@example.com\n,Bob,bob@example.com\n"
    )

    page.get_by_role("link", name="Imports").first.click()
    page.get_by_test_id("empty-list").get_by_role("link", name="New import").click()
    page.get_by_label("What to import").select_option("contacts")
    page.get_by_label("CSV or Excel file").set_input_files(str(source))
    page.get_by_role("button", name="Upload").click()
    expect(page.get_by_label("E-mail")).to_have_value("email")
    page.get_by_role("button", name="Next").click()

    expect(page.get_by_test_id("job-status")).to_have_text("Done")
    expect(page.get_by_test_id("job-accepted")).to_have_text("1")
    expect(page.get_by_test_id("job-rejected")).to_have_text("1")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download rejected rows (CSV)").click()
    rejects = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert ",Bob,bob@example.com,3," in rejects
    assert "last_name" in rejects
    assert list(Person.objects.values_list("last_name", flat=True)) == ["Lee"]


def test_issue_18_salesforce_export_through_preset_value_mapping_and_warnings(
    signed_in_page: Callable[[User, str], Page],
) -> None:
    """Upload Salesforce's Account.csv, see the preset recognised, map the
    picklist values, check first (a dry run that writes nothing), import,
    download the values left out."""
    user = make_user(SALES_ADMINISTRATOR, username="migrator", password=PASSWORD)
    page = signed_in_page(user, PASSWORD)
    page.get_by_role("link", name="Imports").first.click()
    page.get_by_test_id("empty-list").get_by_role("link", name="New import").click()
    page.get_by_label("What to import").select_option("accounts")
    page.get_by_label("CSV or Excel file").set_input_files(str(FIXTURES / "Account.csv"))
    page.get_by_role("button", name="Upload").click()

    expect(page.get_by_test_id("import-preset")).to_contain_text("Salesforce accounts")
    expect(page.get_by_label("BillingState", exact=True)).to_have_value("region")
    page.get_by_label("Check first (dry run)").check()
    page.get_by_role("button", name="Next").click()

    values = page.get_by_test_id("value-mapping")
    expect(values.get_by_label("Type: Customer - Direct")).to_have_value("customer")
    expect(values.get_by_label("Type: Channel Partner / Reseller")).to_have_value("partner")
    values.get_by_label("Industry: Energy").select_option("PUBLIC")
    page.get_by_role("button", name="Start the dry run").click()

    expect(page.get_by_test_id("job-dry-run")).to_contain_text("nothing was written")
    expect(page.get_by_test_id("job-accepted")).to_have_text("25")
    expect(page.get_by_test_id("job-warning-list")).to_contain_text("Construction")
    assert not Account.objects.exists()
    page.get_by_test_id("job-import-now").click()

    expect(page.get_by_test_id("job-status")).to_have_text("Done")
    expect(page.get_by_test_id("job-dry-run")).to_have_count(0)
    expect(page.get_by_test_id("job-accepted")).to_have_text("25")
    expect(page.get_by_test_id("job-warning-list")).to_contain_text("Construction")
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download the values left out (CSV)").click()
    report = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert report.splitlines()[0] == "Line,Column,Value,Reason"
    assert "Food & Beverage" in report
    assert Account.objects.get(name="Nordlicht Energi AS").industry == "PUBLIC"
