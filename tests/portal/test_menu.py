"""The portal menu (ORD-2, ORD-6): the cart, quotes, orders and the service
profile sit under one Ordering drop-down, so the menu stays short, and each
still opens from it; the group shows as current on any of its pages."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from openprm.identity.models import User

pytestmark = pytest.mark.django_db

ORDERING = ("portal:cart", "portal:quote_list", "portal:order_list", "portal:own_service_profile")


def ordering_group(html: str) -> str:
    """The Ordering drop-down's markup: its toggle and its menu."""
    found = re.search(r'<li class="nav-item dropdown[^"]*">.*?</li>', html, re.S)
    assert found is not None, "no drop-down in the portal menu"
    return found.group(0)


def test_ord_2_the_ordering_pages_open_from_one_portal_menu_dropdown(
    client_for: Callable[[User], Client], two_partners: dict[str, Any]
) -> None:
    client = client_for(two_partners["nw_rep"].user)
    home = client.get(reverse("home")).content.decode()
    group = ordering_group(home)
    assert 'data-testid="nav-group-ordering"' in group
    assert "Ordering" in group
    for name in ORDERING:
        assert f'href="{reverse(name)}"' in group, name
        assert home.count(f'href="{reverse(name)}"') == 1, f"{name} also on the menu bar"
    assert f'href="{reverse("portal:catalog")}"' not in group
    assert "nav-item dropdown active" not in home


def test_ord_2_the_ordering_group_is_current_on_its_pages(
    client_for: Callable[[User], Client], two_partners: dict[str, Any]
) -> None:
    client = client_for(two_partners["nw_rep"].user)
    group = ordering_group(client.get(reverse("portal:order_list")).content.decode())
    assert group.startswith('<li class="nav-item dropdown active">')
    current = re.findall(r'<a class="dropdown-item active" href="([^"]+)"', group)
    assert current == [reverse("portal:order_list")]


DEALS = (
    "portal:registration_list",
    "portal:lead_list",
    "portal:opportunity_list",
    "portal:performance",
)


def nav_group(html: str, key: str) -> str:
    """The markup of the portal menu's drop-down `key`."""
    for chunk in html.split('<li class="nav-item dropdown')[1:]:
        if f'data-testid="nav-group-{key}"' in chunk:
            return chunk.split("</li>")[0]
    raise AssertionError(f"no {key} drop-down in the portal menu")


def test_deal_2_prg_8_the_deal_pages_open_from_one_portal_menu_dropdown(
    client_for: Callable[[User], Client], two_partners: dict[str, Any]
) -> None:
    """Deal registrations, leads, opportunities and performance sit under
    one Deals drop-down, beside Ordering: the menu stays one row."""
    client = client_for(two_partners["nw_rep"].user)
    home = client.get(reverse("home")).content.decode()
    group = nav_group(home, "deals")
    for name in DEALS:
        assert f'href="{reverse(name)}"' in group, name
    assert nav_group(home, "ordering") != group
    assert f'href="{reverse("portal:catalog")}"' not in group
