"""The account Team page (TEAM-1..TEAM-3): what each level sees and may do,
in place with HTMX, with the services enforcing the rules."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import User
from openprm.teams import services
from openprm.teams.models import AccountTeamMember
from tests.factories import as_actor, make_user
from tests.teams.helpers import account, resource_for

pytestmark = pytest.mark.django_db
ClientFor = Callable[[User], Client]


def _team_url(pk: int) -> str:
    return reverse("teams:account_team", args=[pk])


def test_team_1_full_user_sees_members_and_change_buttons(
    salesperson: User, client_for: ClientFor, django_assert_max_num_queries: Any
) -> None:
    """TEAM-1: full user sees members and change buttons."""
    acme = account(owner=salesperson)
    for index in range(5):
        services.team_member_add(
            actor=as_actor(salesperson),
            account=acme,
            resource_id=resource_for(None, name=f"R{index}").pk,
        )
    client = client_for(salesperson)
    with django_assert_max_num_queries(20):
        page = client.get(_team_url(acme.pk))
    html = page.content.decode()
    assert page.status_code == 200
    assert "R4" in html
    assert "Add a team member" in html
    assert "Remove" in html


def test_team_2_view_only_member_sees_team_without_buttons(
    salesperson: User, client_for: ClientFor
) -> None:
    """TEAM-2: view only member sees team without buttons."""
    acme = account(owner=salesperson)
    viewer = make_user(SALESPERSON)
    services.team_member_add(
        actor=as_actor(salesperson), account=acme, user_id=viewer.pk, access_level="view"
    )
    html = client_for(viewer).get(_team_url(acme.pk)).content.decode()
    assert viewer.username in html
    assert "Add a team member" not in html
    assert "Remove" not in html


def test_team_2_edit_member_refused_by_the_service_not_only_the_button(
    salesperson: User, client_for: ClientFor
) -> None:
    """TEAM-2: edit member refused by the service not only the button."""
    acme = account(owner=salesperson)
    editor = make_user(SALESPERSON)
    services.team_member_add(
        actor=as_actor(salesperson), account=acme, user_id=editor.pk, access_level="edit"
    )
    refused = client_for(editor).post(
        reverse("teams:member_add", args=[acme.pk]), {"resource_id": resource_for(None).pk}
    )
    assert refused.status_code == 403
    assert AccountTeamMember.objects.filter(account=acme).count() == 1


def test_team_5_stranger_gets_404(salesperson: User, client_for: ClientFor) -> None:
    """TEAM-5: stranger gets 404."""
    acme = account(owner=salesperson)
    assert client_for(make_user(SALESPERSON)).get(_team_url(acme.pk)).status_code == 404


def test_team_1_htmx_add_member_gets_default_level_and_partial(
    salesperson: User, client_for: ClientFor
) -> None:
    """TEAM-1: htmx add member gets default level and partial."""
    acme = account(owner=salesperson)
    rep = resource_for(None, name="Rita")
    response = client_for(salesperson).post(
        reverse("teams:member_add", args=[acme.pk]),
        {"resource_id": rep.pk, "access_level": ""},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="team"' in html
    assert "<html" not in html
    assert "Rita" in html
    assert AccountTeamMember.objects.get(account=acme, resource=rep).access_level == "edit"


def test_team_1_unknown_resource_shows_field_error(
    salesperson: User, client_for: ClientFor
) -> None:
    """TEAM-1: unknown resource shows field error."""
    acme = account(owner=salesperson)
    response = client_for(salesperson).post(
        reverse("teams:member_add", args=[acme.pk]), {"resource_id": 999999}
    )
    assert response.status_code == 200
    assert "Choose an active resource." in response.content.decode()


def test_team_2_change_level_lock_and_remove(salesperson: User, client_for: ClientFor) -> None:
    """TEAM-2: change level lock and remove."""
    acme = account(owner=salesperson)
    member = services.team_member_add(
        actor=as_actor(salesperson), account=acme, resource_id=resource_for(None).pk
    )
    client = client_for(salesperson)
    url = reverse("teams:member_update", args=[acme.pk, member.pk])
    client.post(url, {"version": member.version, "access_level": "full"})
    member.refresh_from_db()
    assert member.access_level == "full"
    client.post(url, {"version": member.version, "locked": "1"})
    member.refresh_from_db()
    assert member.locked
    stale = client.post(url, {"version": 1, "locked": "0"}, follow=True)
    assert "changed meanwhile" in stale.content.decode()
    member.refresh_from_db()
    assert member.locked
    client.post(reverse("teams:member_remove", args=[acme.pk, member.pk]))
    assert not AccountTeamMember.objects.filter(pk=member.pk).exists()


def test_resource_picker_filters_by_name_prefix(salesperson: User, client_for: ClientFor) -> None:
    resource_for(None, name="Alice")
    resource_for(None, name="Bob")
    resource_for(None, name="Partner Al", is_partner_resource=True)
    html = (
        client_for(salesperson).get(reverse("teams:resource_picker"), {"q": "al"}).content.decode()
    )
    assert "Alice" in html
    assert "Bob" not in html
    assert "Partner Al" not in html


def test_account_detail_links_team_and_territories(
    salesperson: User, client_for: ClientFor
) -> None:
    acme = account(owner=salesperson)
    html = client_for(salesperson).get(reverse("customers:account_detail", args=[acme.pk]))
    assert _team_url(acme.pk) in html.content.decode()
    assert reverse("territories:account_territories", args=[acme.pk]) in html.content.decode()
