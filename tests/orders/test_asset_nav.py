"""Where an installed asset's pages sit in the menu (ORD-5, ORD-9): in the
portal under the Ordering drop-down's Service profile, whatever customer
the asset is of; internally under Accounts, as an asset is an account's."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from openprm.identity.models import User
from openprm.orders.models import Asset
from tests.orders.test_asset_pages import line
from tests.portal.test_menu import ordering_group

pytestmark = pytest.mark.django_db

__all__ = ["line"]


def current_entries(html: str) -> list[str]:
    """The addresses of the menu entries marked as the current page."""
    return re.findall(r'class="(?:nav-link|dropdown-item) active" href="([^"]+)"', html)


def test_ord_5_asset_pages_highlight_the_portals_ordering_group(
    client_for: Callable[[User], Client], two_partners: dict[str, Any], line: Asset
) -> None:
    client = client_for(two_partners["nw_admin"].user)
    for page in (
        reverse("portal:asset_detail", args=[line.pk]),
        reverse("portal:asset_modify", args=[line.pk]),
        reverse("portal:service_profile", args=[line.customer_id]),
    ):
        html = client.get(page).content.decode()
        assert ordering_group(html).startswith('<li class="nav-item dropdown active">'), page
        assert current_entries(html) == [reverse("portal:own_service_profile")], page


def test_ord_5_internal_asset_pages_highlight_accounts(
    client_for: Callable[[User], Client], sales_admin: User, line: Asset
) -> None:
    client = client_for(sales_admin)
    for page in (
        reverse("orders:asset_detail", args=[line.pk]),
        reverse("orders:asset_modify", args=[line.pk]),
        reverse("orders:account_assets", args=[line.customer_id]),
    ):
        html = client.get(page).content.decode()
        assert current_entries(html) == [reverse("customers:account_list")], page
