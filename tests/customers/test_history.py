"""PLAT-5: an account's history reads as a person would write it."""

from typing import Any

from openprm.core.customfields.services import custom_field_create
from openprm.customers.services import account_create, account_update
from tests.factories import as_actor, make_user


def _history(client: Any, account: Any) -> str:
    return client.get(f"/customers/accounts/{account.pk}/?tab=history").content.decode()


def test_plat_5_history_shows_field_labels_not_column_names(
    client_for: Any, sales_admin: Any, make_account: Any
) -> None:
    """PLAT-5: "Postal code: 10001 → 10002", never `postal_code` or the search key."""
    account = make_account("Shop Co", postal_code="10001")
    account_update(
        actor=as_actor(sales_admin),
        account=account,
        changes={"postal_code": "10002"},
        expected_version=account.version,
    )
    page = _history(client_for(sales_admin), account)
    assert "Postal code: 10001 → 10002" in page
    assert "postal_code" not in page
    assert "name_search" not in page.lower().replace(" ", "_")
    assert "Address line2" not in page  # empty before and after: nothing to read


def test_plat_5_history_names_the_related_record(
    client_for: Any, sales_admin: Any, make_account: Any
) -> None:
    """PLAT-5: a new owner shows by full name, not by id; an amount with separators."""
    owner = make_user(first_name="Dana", last_name="Reyes")
    account = make_account("Shop Co")
    account_update(
        actor=as_actor(sales_admin),
        account=account,
        changes={"owner_id": owner.pk, "annual_revenue": "1250000"},
        expected_version=account.version,
    )
    page = _history(client_for(sales_admin), account)
    assert "Owner: salesadmin → Dana Reyes" in page
    assert f"→ {owner.pk}<" not in page
    assert "Annual revenue: — → 1,250,000" in page


def test_plat_5_history_does_not_name_a_record_the_reader_cannot_see(
    client_for: Any, sales_admin: Any, salesperson: Any, make_account: Any
) -> None:
    """PLAT-5 through TEAM-5: a parent account the reader may not see is not named."""
    hidden = make_account("Hidden Holdings")
    own = make_account("Own Shop", owner_id=salesperson.pk)
    account_update(
        actor=as_actor(sales_admin),
        account=own,
        changes={"parent_id": hidden.pk},
        expected_version=own.version,
    )
    page = _history(client_for(salesperson), own)
    assert "Parent account: — → (not visible)" in page
    assert "Hidden Holdings" not in page


def test_plat_5_history_shows_a_custom_fields_label(
    client_for: Any, sales_admin: Any, admin_user: Any
) -> None:
    """PLAT-5, PLAT-7: a custom field's change reads by the label the
    administrator gave it ("Tier code: A → B"), not by its key."""
    custom_field_create(
        actor=as_actor(admin_user),
        record_type="account",
        name="zz_tier_code",
        label="Tier code",
        field_type="text",
    )
    account = account_create(
        actor=as_actor(sales_admin),
        data={"name": "Shop Co"},
        custom={"zz_tier_code": "A"},
        confirm_duplicates=True,
    )
    account_update(
        actor=as_actor(sales_admin),
        account=account,
        changes={},
        custom={"zz_tier_code": "B"},
        expected_version=account.version,
    )
    page = _history(client_for(sales_admin), account)
    assert "Tier code: A → B" in page
    assert "Zz tier code" not in page
