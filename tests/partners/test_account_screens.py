"""PA-4 through the account screens: deletion checks the partner status."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from openprm.customers.models import Account
from openprm.identity.models import User
from openprm.partners import services
from openprm.partners.models import PartnerProfile

pytestmark = pytest.mark.django_db


def test_pa_4_account_delete_page_refuses_an_active_partner_with_a_message(
    make_partner: Callable[..., PartnerProfile],
    channel_manager: User,
    sales_admin: User,
    client_for: Callable[[User], Client],
) -> None:
    partner = make_partner("Northwind")
    account = partner.account
    client = client_for(sales_admin)
    url = reverse("customers:account_delete", args=[account.pk])

    refused = client.post(url, {"version": account.version})

    assert refused.status_code == 200
    assert "Inactivate" in refused.content.decode()
    assert Account.objects.get(pk=account.pk).is_active

    services.partner_set_status(actor=channel_manager, partner=partner, status="inactive")
    account.refresh_from_db()
    deleted = client.post(url, {"version": account.version})

    assert deleted.status_code == 302
    assert not Account.objects.get(pk=account.pk).is_active
