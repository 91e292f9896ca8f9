"""Partners seen from other apps: PA-4 deletion through the account screens,
TEAM-2 the partner edit grant as Edit access, TER-1 partner territories."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from openprm.core.errors import ValidationFailed
from openprm.customers.models import Account
from openprm.customers.reach import account_access_level
from openprm.identity.catalog import CHANNEL_ACCOUNT_MANAGER
from openprm.identity.models import User
from openprm.partners import services
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.territories.services import territory_create, territory_member_add
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.django_db


def test_pa_4_account_delete_page_refuses_an_active_partner_with_a_message(
    make_partner: Callable[..., PartnerProfile],
    channel_manager: User,
    sales_admin: User,
    client_for: Callable[[User], Client],
) -> None:
    """PA-4: account delete page refuses an active partner with a message."""
    partner = make_partner("Northwind")
    account = partner.account
    client = client_for(sales_admin)
    url = reverse("customers:account_delete", args=[account.pk])

    refused = client.post(url, {"version": account.version})

    assert refused.status_code == 200
    assert "Inactivate" in refused.content.decode()
    assert Account.objects.get(pk=account.pk).is_active

    services.partner_set_status(actor=as_actor(channel_manager), partner=partner, status="inactive")
    account.refresh_from_db()
    deleted = client.post(url, {"version": account.version})

    assert deleted.status_code == 302
    assert not Account.objects.get(pk=account.pk).is_active


def test_team_2_channel_manager_has_edit_on_managed_partner_accounts(
    make_partner: Callable[..., PartnerProfile], channel_manager: User, salesperson: User
) -> None:
    """TEAM-2: the partners app's edit grant counts as Edit access, so a channel
    manager who neither owns nor is on the team can edit the partner account's contacts."""
    partner = make_partner("Northwind")
    other_manager = make_user(CHANNEL_ACCOUNT_MANAGER, username="cam2")

    assert account_access_level(as_actor(channel_manager), partner.account) == "full"
    assert account_access_level(as_actor(other_manager), partner.account) == "edit"
    assert account_access_level(as_actor(salesperson), partner.account) is None


def test_ter_1_partner_territory_holds_only_its_own_partners_resources(
    make_partner: Callable[..., PartnerProfile],
    make_portal_user: Callable[..., PartnerContact],
    sales_admin: User,
) -> None:
    """TER-1: a partner territory takes the resources of its partner and
    refuses those of another partner."""
    northwind = make_partner("Northwind")
    contoso = make_partner("Contoso")
    own = make_portal_user(northwind, "nw-rep").resource
    other = make_portal_user(contoso, "co-rep").resource
    territory = territory_create(
        actor=as_actor(sales_admin),
        data={"name": "NW", "territory_type": "partner", "partner_id": northwind.account_id},
    )

    territory_member_add(actor=as_actor(sales_admin), territory=territory, resource_id=own.pk)
    with pytest.raises(ValidationFailed):
        territory_member_add(actor=as_actor(sales_admin), territory=territory, resource_id=other.pk)
