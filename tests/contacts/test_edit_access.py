"""TEAM-2 for contacts: editing a contact, its contact points, preferences
and relationships needs Edit or Full access to one of its customers (or
being its owner when it has none); View Only members see but cannot edit."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from openprm.contacts import services
from openprm.contacts.models import ContactPoint, Person
from openprm.core.errors import NotFound, PermissionRefused
from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import User
from openprm.teams.services import team_member_add
from tests.contacts.helpers import make_account, make_contact
from tests.factories import as_actor, make_user

API = "/api/v1"
ClientFor = Callable[[User], Client]
REFUSAL = "You may view this contact but not edit it"


@pytest.fixture
def shared(sales_admin: User) -> dict[str, Any]:
    """A customer owned by the sales admin with one View Only and one Edit
    team member, and a contact of it with a phone and a preference."""
    account = make_account(sales_admin, "Team Co")
    viewer = make_user(SALESPERSON, username="viewer")
    editor = make_user(SALESPERSON, username="editor")
    team_member_add(
        actor=as_actor(sales_admin), account=account, user_id=viewer.pk, access_level="view"
    )
    team_member_add(
        actor=as_actor(sales_admin), account=account, user_id=editor.pk, access_level="edit"
    )
    person = make_contact(sales_admin, "Shared", account, phone="+1 415 555 0199")
    point = ContactPoint.objects.get(person=person)
    preference = services.preference_add(
        actor=as_actor(sales_admin), point=point, preference="do", reason_code="PREFERRED_CHANNEL"
    )
    return {
        "account": account,
        "viewer": viewer,
        "editor": editor,
        "person": person,
        "point": point,
        "preference": preference,
        "relationship": person.relationships.get(),
    }


def test_team_2_view_only_member_cannot_edit_a_contact_or_its_records(
    shared: dict[str, Any],
) -> None:
    """TEAM-2: view only member cannot edit a contact or its records."""
    viewer, person, point = shared["viewer"], shared["person"], shared["point"]
    attempts: list[Callable[[], Any]] = [
        lambda: services.contact_update(
            actor=as_actor(viewer), person=person, changes={"job_title": "X"}, expected_version=None
        ),
        lambda: services.contact_point_add(
            actor=as_actor(viewer), person=person, kind="email", email="a@b.example"
        ),
        lambda: services.contact_point_update(
            actor=as_actor(viewer), point=point, changes={"purpose": "home"}, expected_version=None
        ),
        lambda: services.contact_point_make_primary(actor=as_actor(viewer), point=point),
        lambda: services.contact_point_delete(actor=as_actor(viewer), point=point),
        lambda: services.preference_add(
            actor=as_actor(viewer), point=point, preference="do_not", reason_code="CUSTOMER_REQUEST"
        ),
        lambda: services.preference_update(
            actor=as_actor(viewer),
            preference=shared["preference"],
            changes={"preference": "do_not"},
            expected_version=None,
        ),
        lambda: services.preference_delete(actor=as_actor(viewer), preference=shared["preference"]),
        lambda: services.relationship_update(
            actor=as_actor(viewer),
            relationship=shared["relationship"],
            changes={"job_title": "Boss"},
            expected_version=None,
        ),
        lambda: services.relationship_delete(
            actor=as_actor(viewer), relationship=shared["relationship"]
        ),
        lambda: services.relationship_set_primary_point(
            actor=as_actor(viewer), relationship=shared["relationship"], contact_point=point
        ),
    ]
    for attempt in attempts:
        with pytest.raises(PermissionRefused) as refused:
            attempt()
        assert refused.value.message.startswith(REFUSAL)
    person.refresh_from_db()
    assert person.job_title == ""
    assert ContactPoint.objects.filter(person=person).count() == 1
    assert shared["relationship"].__class__.objects.filter(pk=shared["relationship"].pk).exists()


def test_team_2_edit_member_edits_the_contact_and_its_records(shared: dict[str, Any]) -> None:
    """TEAM-2: edit member edits the contact and its records."""
    editor, person, point = shared["editor"], shared["person"], shared["point"]
    services.contact_update(
        actor=as_actor(editor), person=person, changes={"job_title": "Buyer"}, expected_version=None
    )
    services.contact_point_add(
        actor=as_actor(editor), person=person, kind="email", email="s@team.example"
    )
    services.preference_add(
        actor=as_actor(editor), point=point, preference="do_not", reason_code="CUSTOMER_REQUEST"
    )
    services.relationship_update(
        actor=as_actor(editor),
        relationship=shared["relationship"],
        changes={"job_title": "Head buyer"},
        expected_version=None,
    )
    person.refresh_from_db()
    assert person.job_title == "Buyer"


def test_team_2_contact_of_no_customer_is_edited_by_its_owner_only(
    salesperson: User, sales_admin: User
) -> None:
    """TEAM-2: contact of no customer is edited by its owner only."""
    loner = make_contact(salesperson, "Loner")
    services.contact_update(
        actor=as_actor(salesperson),
        person=loner,
        changes={"job_title": "Mine"},
        expected_version=None,
    )
    services.contact_update(
        actor=as_actor(sales_admin),
        person=loner,
        changes={"job_title": "Admin"},
        expected_version=None,
    )
    other = make_user(SALESPERSON, username="other")
    with pytest.raises(NotFound):
        services.contact_point_add(
            actor=as_actor(other), person=loner, kind="email", email="x@y.example"
        )


def test_team_2_api_and_page_refuse_view_only_with_403(
    shared: dict[str, Any], api_client_for: ClientFor, client_for: ClientFor
) -> None:
    """TEAM-2: api and page refuse view only with 403."""
    viewer, person, point = shared["viewer"], shared["person"], shared["point"]
    api = api_client_for(viewer)
    assert api.get(f"{API}/contacts/{person.pk}").status_code == 200
    patch = api.patch(
        f"{API}/contacts/{person.pk}",
        data={"job_title": "X", "version": person.version},
        content_type="application/json",
    )
    assert patch.status_code == 403
    assert patch.json()["detail"].startswith(REFUSAL)
    added = api.post(
        f"{API}/contact-points/{point.pk}/preferences",
        data={"preference": "do_not", "reason_code": "CUSTOMER_REQUEST"},
        content_type="application/json",
    )
    assert added.status_code == 403
    assert api.delete(f"{API}/relationships/{shared['relationship'].pk}").status_code == 403
    page = client_for(viewer)
    detail = page.get(f"/contacts/{person.pk}/")
    assert detail.status_code == 200
    assert f'href="/contacts/{person.pk}/edit/"' not in detail.text
    edit = page.get(f"/contacts/{person.pk}/edit/")
    assert edit.status_code == 403
    assert REFUSAL in edit.text
    editor_api = api_client_for(shared["editor"])
    ok = editor_api.patch(
        f"{API}/contacts/{person.pk}",
        data={"job_title": "Buyer", "version": person.version},
        content_type="application/json",
    )
    assert ok.status_code == 200
    assert Person.objects.get(pk=person.pk).job_title == "Buyer"


def test_team_2_contact_page_offers_the_buttons_of_its_records_to_editors_only(
    shared: dict[str, Any], client_for: ClientFor
) -> None:
    """TEAM-2: a contact's points, preferences and relationships are changed
    by whoever may edit the contact, so its page offers their buttons (make
    primary, delete, remove) to an Edit member and not to a View Only one."""
    point, preference = shared["point"], shared["preference"]
    relationship = shared["relationship"]
    buttons = (
        f"/contacts/points/{point.pk}/delete/",
        f"/contacts/preferences/{preference.pk}/delete/",
        f"/contacts/relationships/{relationship.pk}/delete/",
        f"/contacts/relationships/{relationship.pk}/primary-point/",
    )
    url = f"/contacts/{shared['person'].pk}/"
    viewer = client_for(shared["viewer"]).get(url).content.decode()
    editor = client_for(shared["editor"]).get(url).content.decode()
    assert [b for b in buttons if f'action="{b}"' in viewer] == []
    assert [b for b in buttons if f'action="{b}"' in editor] == list(buttons)
