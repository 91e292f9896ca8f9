"""Defects found while tried as a new user: every edit carries its version
(PLAT-6), and the API list opens My Contacts like the page (CON-7)."""

from typing import Any

import pytest
from django.urls import reverse

from openprm.contacts.services import contact_create
from openprm.customers.models import Account
from openprm.customers.services import account_create
from openprm.territories import services as territory_services
from openprm.territories.models import Territory
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def test_plat_6_converting_a_prospect_without_its_version_changes_nothing(
    sales_admin: Any, client_for: Any
) -> None:
    """A convert form that lost its version is refused with a message, not
    taken as the current version."""
    prospect = account_create(
        actor=as_actor(sales_admin),
        data={"name": "Quokka", "account_type": "prospect"},
        confirm_duplicates=True,
    )
    client = client_for(sales_admin)
    answer = client.post(reverse("customers:account_convert", args=[prospect.pk]), follow=True)
    assert "out of date" in answer.content.decode()
    assert not Account.objects.get(pk=prospect.pk).is_sales_account


def test_plat_6_a_territory_edit_without_its_version_is_a_field_error(
    sales_admin: Any, client_for: Any
) -> None:
    west = territory_services.territory_create(actor=as_actor(sales_admin), data={"name": "West"})
    client = client_for(sales_admin)
    answer = client.post(
        reverse("territories:territory_edit", args=[west.pk]),
        {"name": "East", "territory_type": west.territory_type, "active": "on"},
    )
    assert answer.status_code == 200
    assert answer.context["form"].errors["version"]
    assert Territory.objects.get(pk=west.pk).name == "West"


def test_con_7_the_api_list_opens_my_contacts_like_the_page(
    salesperson: Any, api_client_for: Any
) -> None:
    """CON-7: without a saved search or a search term, the API answers the
    caller's own contacts (My Contacts), as the list page does."""
    acme = account_create(
        actor=as_actor(salesperson), data={"name": "Acme"}, confirm_duplicates=True
    )
    mine = contact_create(actor=as_actor(salesperson), last_name="Quill", account_ids=[acme.pk])
    answer = api_client_for(salesperson).get("/api/v1/contacts")
    assert answer.status_code == 200
    assert [item["id"] for item in answer.json()["items"]] == [mine.pk]
