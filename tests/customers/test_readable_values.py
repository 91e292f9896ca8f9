"""Amounts and dates on an account's page read in the locale's format."""

from typing import Any

from django.utils import formats, timezone

from openprm.core.audit.models import AuditEntry


def test_account_page_shows_amounts_with_separators_and_dates_in_words(
    client_for: Any, sales_admin: Any, make_account: Any
) -> None:
    account = make_account("Shop Co", annual_revenue="1250000", currency="USD")
    client = client_for(sales_admin)
    page = client.get(f"/customers/accounts/{account.pk}/").text
    assert "<dd>1,250,000.00 USD</dd>" in page
    assert "1250000" not in page
    created = AuditEntry.objects.get(object_id=str(account.pk)).at
    history = client.get(f"/customers/accounts/{account.pk}/?tab=history").text
    assert formats.date_format(timezone.localtime(created), "DATETIME_FORMAT") in history
