"""PLAT-5 on the contact page: the history shows the contact's own changes
and those of its contact points, preferences and relationships, in one
query, without relationships to accounts the user cannot see (TEAM-5)."""

from collections.abc import Callable
from typing import Any

from django.test import Client

from openprm.contacts import selectors, services
from openprm.contacts.models import ContactPoint
from openprm.identity.models import User
from tests.contacts.helpers import make_account, make_contact
from tests.factories import as_actor

ClientFor = Callable[[User], Client]


def test_plat_5_contact_history_includes_points_preferences_and_visible_relationships(
    salesperson: User,
    sales_admin: User,
    client_for: ClientFor,
    django_assert_max_num_queries: Any,
) -> None:
    """PLAT-5: contact history includes points preferences and visible relationships."""
    mine = make_account(salesperson, "Mine Co")
    hidden = make_account(sales_admin, "Hidden Co")
    person = make_contact(salesperson, "Tracked", mine, phone="+1 415 555 0142")
    point = ContactPoint.objects.get(person=person)
    services.preference_add(
        actor=as_actor(salesperson),
        point=point,
        preference="do_not",
        reason_code="CUSTOMER_REQUEST",
    )
    services.relationship_add(actor=as_actor(sales_admin), person=person, account=hidden)
    services.contact_update(
        actor=as_actor(salesperson),
        person=person,
        changes={"job_title": "Buyer"},
        expected_version=None,
    )

    actor_salesperson = as_actor(salesperson)

    _ = actor_salesperson.resources  # read once per request, before the counted queries
    with django_assert_max_num_queries(3):
        history = selectors.contact_history(actor=actor_salesperson, person=person)
    labels = [(entry.record_label, entry.action) for entry in history]
    assert ("contact", "update") in labels
    assert ("contact", "create") in labels
    assert ("contact point", "create") in labels
    assert ("contact preference", "create") in labels
    reprs = [entry.object_repr for entry in history if entry.record_label == "relationship"]
    assert any("Mine Co" in r for r in reprs)
    assert not any("Hidden Co" in r for r in reprs)
    admin_reprs = [
        e.object_repr for e in selectors.contact_history(actor=as_actor(sales_admin), person=person)
    ]
    assert any("Hidden Co" in r for r in admin_reprs)

    page = client_for(salesperson).get(f"/contacts/{person.pk}/").text
    panel = page[page.index('data-testid="contact-history"') :]
    assert "Contact preference" in panel
    assert "Contact point" in panel
    assert "Hidden Co" not in page
