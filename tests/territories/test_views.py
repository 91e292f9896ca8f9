"""Territory pages (TER-1..TER-4): list with filters/sort/export, detail,
create/edit with field errors, the account's Territories tab and the
realignment progress page."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import User
from openprm.teams.services import team_member_add
from openprm.territories.models import AccountTerritory, RealignmentRun, Territory
from tests.factories import as_actor, make_user
from tests.teams.helpers import account, resource_for, territory

pytestmark = pytest.mark.django_db
ClientFor = Callable[[User], Client]


def test_ter_1_list_filters_sorts_and_exports_visible_rows(
    salesperson: User, client_for: ClientFor, django_assert_max_num_queries: Any
) -> None:
    """TER-1: Internal users read territories; the list is a constant number of queries."""
    for index in range(8):
        parent = territory(f"Parent {index}")
        Territory.objects.create(name=f"Child {index}", parent=parent, territory_type="overlay")
    Territory.objects.create(name="Old", active=False)
    client = client_for(salesperson)
    with django_assert_max_num_queries(12):
        page = client.get(reverse("territories:territory_list"), {"territory_type": "overlay"})
    html = page.content.decode()
    assert "Child 7" in html
    assert "Prime</td>" not in html
    assert "New territory" not in html
    inactive = client.get(reverse("territories:territory_list"), {"active": "false"})
    assert "Old" in inactive.content.decode()
    assert "Child 1" not in inactive.content.decode()
    ordered = client.get(reverse("territories:territory_list"), {"sort": "-name"}).content
    assert ordered.decode().index("Parent 7") < ordered.decode().index("Child 0")
    export = client.get(reverse("territories:territory_list"), {"q": "child", "export": "csv"})
    rows = b"".join(export.streaming_content).decode().splitlines()
    assert len(rows) == 9
    assert rows[1].split(",")[1].startswith("Child")
    xlsx = client.get(reverse("territories:territory_list"), {"export": "xlsx"})
    assert xlsx.status_code == 200


def test_ter_1_partner_users_get_no_territory_pages(client_for: ClientFor) -> None:
    """TER-1: partner users get no territory pages."""
    partner_user = make_user(user_type=User.UserType.PARTNER)
    west = territory("West")
    assert (
        client_for(partner_user).get(reverse("territories:territory_detail", args=[west.pk]))
    ).status_code == 404


def test_ter_1_create_shows_field_errors_and_needs_manage_territories(
    sales_admin: User, salesperson: User, client_for: ClientFor
) -> None:
    """TER-1: create shows field errors and needs Manage Territories: the
    form itself is the 403 page naming it to whoever may not create, and
    the list offers them no New button."""
    url = reverse("territories:territory_create")
    form = client_for(salesperson).get(url)
    assert form.status_code == 403
    assert "Manage Territories" in form.content.decode()
    listed = client_for(sales_admin).get(reverse("territories:territory_list"))
    assert "New territory" in listed.content.decode()
    refused = client_for(sales_admin).post(url, {"name": "P", "territory_type": "partner"})
    assert refused.status_code == 200
    assert "A partner territory needs a partner account." in refused.content.decode()
    created = client_for(sales_admin).post(url, {"name": "West", "territory_type": "prime"})
    west = Territory.objects.get(name="West")
    assert created.url == reverse("territories:territory_detail", args=[west.pk])
    assert client_for(salesperson).post(url, {"name": "X", "territory_type": "prime"}).status_code
    assert not Territory.objects.filter(name="X").exists()


def test_plat_6_territory_edit_shows_stale_values(sales_admin: User, client_for: ClientFor) -> None:
    """PLAT-6: territory edit shows stale values."""
    west = territory("West")
    url = reverse("territories:territory_edit", args=[west.pk])
    client = client_for(sales_admin)
    client.post(url, {"name": "West 2", "territory_type": "prime", "active": "on", "version": 1})
    stale = client.post(url, {"name": "West 3", "territory_type": "prime", "version": 1})
    assert 'data-testid="stale-warning"' in stale.content.decode()
    assert Territory.objects.get(pk=west.pk).name == "West 2"


def test_ter_2_detail_shows_criteria_members_children_and_paginated_accounts(
    sales_admin: User, client_for: ClientFor, django_assert_max_num_queries: Any
) -> None:
    """TER-2: detail shows criteria members children and paginated accounts."""
    us = territory("US", members=(resource_for(None, name="Uma"),), country="US")
    Territory.objects.create(name="Bay Area", parent=us)
    for index in range(30):
        account(f"Acme {index:02}", country="US")
    client = client_for(sales_admin)
    with django_assert_max_num_queries(25):
        page = client.get(reverse("territories:territory_detail", args=[us.pk]))
    html = page.content.decode()
    assert "Uma" in html
    assert "Bay Area" in html
    assert "Acme 00" in html
    assert "Acme 29" not in html
    assert "Page 1 of 2" in html
    second = client.get(reverse("territories:territory_detail", args=[us.pk]), {"page": 2})
    assert "Acme 29" in second.content.decode()


def test_ter_2_criterion_and_member_forms_show_field_errors(
    sales_admin: User, client_for: ClientFor
) -> None:
    """TER-2: criterion and member forms show field errors."""
    west = territory("West")
    client = client_for(sales_admin)
    bad = client.post(
        reverse("territories:criterion_add", args=[west.pk]),
        {"dimension": "country", "value": "US", "value_to": "ZZ"},
    )
    assert "Only a postal code range has an upper bound." in bad.content.decode()
    client.post(
        reverse("territories:criterion_add", args=[west.pk]),
        {"dimension": "postal_range", "value": "10000", "value_to": "19999"},
    )
    assert west.criteria.get().value_to == "19999"
    rep = resource_for(None, name="Rep")
    client.post(reverse("territories:member_add", args=[west.pk]), {"resource_id": rep.pk})
    assert west.members.get().resource == rep


def test_ter_3_assign_territories_button_for_edit_users_only(
    salesperson: User, client_for: ClientFor
) -> None:
    """TER-3: assign territories button for edit users only (the account's
    change rule, TEAM-2): a View Only team member sees the tab without it."""
    acme = account(owner=salesperson, country="IT")
    territory("Italy", country="IT")
    AccountTerritory.objects.all().delete()
    url = reverse("territories:account_territories", args=[acme.pk])
    owner_page = client_for(salesperson).get(url).content.decode()
    assert 'data-testid="assign-territories"' in owner_page
    viewer = make_user(SALESPERSON)
    team_member_add(
        actor=as_actor(salesperson), account=acme, user_id=viewer.pk, access_level="view"
    )
    viewer_page = client_for(viewer).get(url)
    assert viewer_page.status_code == 200
    assert 'data-testid="assign-territories"' not in viewer_page.content.decode()
    assert 'data-testid="add-partner-territories"' not in owner_page
    client_for(salesperson).post(reverse("territories:account_assign", args=[acme.pk]))
    assert "Italy" in client_for(salesperson).get(url).content.decode()
    stranger = make_user(SALESPERSON)
    assert client_for(stranger).get(url).status_code == 404
    assert (
        client_for(stranger).post(reverse("territories:account_assign", args=[acme.pk]))
    ).status_code == 404


def test_ter_4_channel_manager_adds_partner_territories(
    channel_manager: User, client_for: ClientFor
) -> None:
    """TER-4: channel manager adds partner territories."""
    partner = account("Reseller", account_type="partner", is_sales_account=False)
    chosen = Territory.objects.create(name="Reseller T", territory_type="partner", partner=partner)
    acme = account(owner=channel_manager)
    client = client_for(channel_manager)
    page = client.get(reverse("territories:account_territories", args=[acme.pk]))
    assert "Reseller T" in page.content.decode()
    client.post(
        reverse("territories:account_add_partner", args=[acme.pk]), {"territory_ids": [chosen.pk]}
    )
    assert AccountTerritory.objects.get(account=acme).source == "manual"


def test_ter_3_realignment_page_starts_and_polls_until_done(
    sales_admin: User,
    salesperson: User,
    client_for: ClientFor,
    django_capture_on_commit_callbacks: Any,
) -> None:
    """TER-3: realignment page starts and polls until done."""
    territory("Japan", country="JP")
    acme = account(country="JP")
    AccountTerritory.objects.all().delete()
    client = client_for(sales_admin)
    with django_capture_on_commit_callbacks(execute=True):
        started = client.post(reverse("territories:realignment"))
    run = RealignmentRun.objects.get()
    assert started.url == reverse("territories:realignment_detail", args=[run.pk])
    poll = client.get(started.url, headers={"HX-Request": "true"}).content.decode()
    assert "Done" in poll
    assert "hx-trigger" not in poll
    assert AccountTerritory.objects.filter(account=acme).exists()
    RealignmentRun.objects.filter(pk=run.pk).update(status="running", processed=1, total=3)
    running = client.get(started.url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 1s"' in running
    assert 'value="33"' in running
    assert client_for(salesperson).post(reverse("territories:realignment")).status_code == 403
