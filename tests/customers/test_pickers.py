"""Search-as-you-type account pickers (CUS-6 parent account, CON-12 customer):
only visible, active accounts are offered (CUS-9, TEAM-5), and without
JavaScript the typed name is resolved by the form."""

from typing import Any

import pytest

from openprm.customers import services
from openprm.customers.models import Account
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def test_cus_9_team_5_account_picker_offers_visible_active_accounts_only(
    client_for: Any, salesperson: Any, sales_admin: Any, make_account: Any
) -> None:
    """CUS-9, TEAM-5: account picker offers visible active accounts only."""
    mine = make_account("Pickle Mine", actor=as_actor(salesperson))
    make_account("Pickle Theirs")
    gone = make_account("Pickle Gone", actor=as_actor(salesperson))
    services.account_delete(actor=as_actor(sales_admin), account=gone)
    client = client_for(salesperson)
    fragment = client.get("/customers/accounts/pick/?field=parent_id&parent_id_search=pick").text
    assert f'data-pick-id="{mine.pk}"' in fragment
    assert "Pickle Theirs" not in fragment
    assert "Pickle Gone" not in fragment
    assert "data-pick-id" not in client.get("/customers/accounts/pick/?field=parent_id").text
    admin_fragment = client_for(sales_admin).get("/customers/accounts/pick/?q=pickle").text
    assert "Pickle Theirs" in admin_fragment
    assert "Pickle Gone" not in admin_fragment


def test_cus_6_parent_picker_without_javascript_resolves_the_typed_name(
    client_for: Any, salesperson: Any, make_account: Any
) -> None:
    """CUS-6: parent picker without javascript resolves the typed name."""
    parent = make_account("Holding Group", actor=as_actor(salesperson))
    make_account("Holding Two", actor=as_actor(salesperson))
    client = client_for(salesperson)
    form = {"name": "Child Co", "currency": "USD", "confirm_duplicates": "on"}
    ambiguous = client.post("/customers/accounts/new/", {**form, "parent_id_search": "Holding"})
    assert ambiguous.status_code == 200
    assert 'id="id_parent_id_error"' in ambiguous.text
    assert "Several records start with" in ambiguous.text
    created = client.post("/customers/accounts/new/", {**form, "parent_id_search": "holding group"})
    assert created.status_code == 302
    child = Account.objects.get(name="Child Co")
    assert child.parent_id == parent.pk
    edit = client.get(f"/customers/accounts/{child.pk}/edit/").text
    assert 'value="Holding Group"' in edit
    assert f'name="parent_id" value="{parent.pk}"' in edit


def test_cus_6_parent_picker_refuses_an_invisible_account_by_number(
    client_for: Any, salesperson: Any, make_account: Any
) -> None:
    """CUS-6: parent picker refuses an invisible account by number."""
    hidden = make_account("Hidden Parent")
    response = client_for(salesperson).post(
        "/customers/accounts/new/",
        {"name": "Orphan", "currency": "USD", "parent_id": str(hidden.pk)},
    )
    assert response.status_code == 200
    assert "Choose an account you can see." in response.text
    assert not Account.objects.filter(name="Orphan").exists()
