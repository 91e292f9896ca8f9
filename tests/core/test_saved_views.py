"""Saved views: a user names the filters of a list (the registrations
queue's "Overdue, submitted") and opens the list that way again with one
click; nobody else sees or removes it."""

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from openprm.core.errors import NotFound, ValidationFailed
from openprm.core.savedviews.selectors import saved_view_list
from openprm.core.savedviews.services import saved_view_create, saved_view_delete
from openprm.identity.models import User
from tests.factories import as_actor

pytestmark = pytest.mark.django_db

QUEUE = "deals.registrations"


def test_a_view_keeps_the_lists_filters_and_sort_and_drops_the_rest(
    channel_manager: User,
) -> None:
    view = saved_view_create(
        actor=as_actor(channel_manager),
        list_name=QUEUE,
        name="Overdue",
        query="page=3&overdue=true&export=csv&state=submitted&sort=bogus&q=",
    )
    assert view.query == "overdue=true&state=submitted"


def test_a_view_needs_a_name_a_filter_and_a_known_list(channel_manager: User) -> None:
    actor = as_actor(channel_manager)
    with pytest.raises(ValidationFailed) as unnamed:
        saved_view_create(actor=actor, list_name=QUEUE, name=" ", query="state=submitted")
    assert "name" in unnamed.value.field_errors
    with pytest.raises(ValidationFailed) as unfiltered:
        saved_view_create(actor=actor, list_name=QUEUE, name="All", query="page=2")
    assert "query" in unfiltered.value.field_errors
    with pytest.raises(ValidationFailed) as unknown:
        saved_view_create(actor=actor, list_name="nope.list", name="X", query="state=a")
    assert "list_name" in unknown.value.field_errors


def test_two_views_of_one_list_cannot_share_a_name(channel_manager: User) -> None:
    actor = as_actor(channel_manager)
    saved_view_create(actor=actor, list_name=QUEUE, name="Mine", query="state=submitted")
    with pytest.raises(ValidationFailed) as twice:
        saved_view_create(actor=actor, list_name=QUEUE, name="Mine", query="state=approved")
    assert twice.value.field_errors["name"] == ["You already have a view with this name."]


def test_views_are_their_owners_alone(channel_manager: User, salesperson: User) -> None:
    view = saved_view_create(
        actor=as_actor(channel_manager), list_name=QUEUE, name="Mine", query="state=submitted"
    )
    assert list(saved_view_list(actor=as_actor(salesperson), list_name=QUEUE)) == []
    with pytest.raises(NotFound):
        saved_view_delete(actor=as_actor(salesperson), pk=view.pk)


def test_the_queue_offers_to_save_its_filters_and_then_shows_the_view(
    channel_manager: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(channel_manager)
    queue = reverse("deals:registration_list")
    filtered = client.get(queue, {"state": "submitted"})
    assert "Save this view" in filtered.content.decode()

    saved = client.post(
        reverse("saved_view_save"),
        {
            "list_name": QUEUE,
            "name": "Waiting",
            "query": "state=submitted",
            "next": f"{queue}?state=submitted",
        },
    )
    assert saved.status_code == 302
    assert saved["Location"] == f"{queue}?state=submitted"

    page = client.get(queue).content.decode()
    assert 'href="?state=submitted">Waiting</a>' in page
    assert "Save this view" not in page  # nothing filtered, nothing to save


def test_removing_a_view_takes_it_off_the_list(
    channel_manager: User, client_for: Callable[[User], Client]
) -> None:
    view = saved_view_create(
        actor=as_actor(channel_manager), list_name=QUEUE, name="Gone", query="state=submitted"
    )
    client = client_for(channel_manager)
    queue = reverse("deals:registration_list")
    removed = client.post(reverse("saved_view_remove", args=[view.pk]), {"next": queue})
    assert removed["Location"] == queue
    assert ">Gone</a>" not in client.get(queue).content.decode()


def test_a_refused_view_says_why_on_the_list(
    channel_manager: User, client_for: Callable[[User], Client]
) -> None:
    client = client_for(channel_manager)
    queue = reverse("deals:registration_list")
    answer = client.post(
        reverse("saved_view_save"),
        {"list_name": QUEUE, "name": "", "query": "state=submitted", "next": queue},
        follow=True,
    )
    assert "Name the view." in answer.content.decode()


def test_api_saves_lists_and_removes_ones_own_views(
    channel_manager: User, salesperson: User, api_client_for: Callable[[User], Client]
) -> None:
    api = api_client_for(channel_manager)
    created = api.post(
        "/api/v1/saved-views",
        {"list_name": QUEUE, "name": "Overdue", "query": "overdue=true&page=2"},
        content_type="application/json",
    )
    assert created.status_code == 201
    assert created.json()["query"] == "overdue=true"
    view_id = created.json()["id"]

    listed = api.get("/api/v1/saved-views", {"list_name": QUEUE}).json()["items"]
    assert [v["name"] for v in listed] == ["Overdue"]

    other = api_client_for(salesperson)
    assert other.get("/api/v1/saved-views").json()["items"] == []
    assert other.delete(f"/api/v1/saved-views/{view_id}").status_code == 404

    refused = api.post(
        "/api/v1/saved-views",
        {"list_name": QUEUE, "name": "Overdue", "query": "state=submitted"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    assert refused["Content-Type"] == "application/problem+json"

    assert api.delete(f"/api/v1/saved-views/{view_id}").status_code == 204
