"""PRG-7: a partner user's actor knows its partner from its membership,
never from a request."""

from typing import Any

import pytest

from openprm.partners.models import PartnerProfile
from openprm.partners.selectors import own_partner
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def test_prg_7_a_partner_actor_knows_its_partner(make_partner: Any, make_portal_user: Any) -> None:
    partner = make_partner("Northwind")
    contact = make_portal_user(partner, "nw-rep")
    actor = as_actor(contact.user)
    assert actor.is_partner
    assert not actor.is_internal
    assert actor.partner_id == partner.pk
    assert actor.resources.own is None


def test_prg_7_own_partner_is_read_once_per_request_and_kept_on_the_actor(
    make_partner: Any, make_portal_user: Any, django_assert_num_queries: Any
) -> None:
    """Issue 19: a portal page asks for its organization from its view, its
    columns and its selectors; the second ask costs no query. The fact is
    kept on the actor, so the next request (a new actor of the same user)
    reads the organization afresh, and nothing lands on the user."""
    partner = make_partner("Northwind")
    contact = make_portal_user(partner, "nw-rep")
    actor = as_actor(contact.user)
    first = own_partner(actor=actor)
    with django_assert_num_queries(0):
        assert own_partner(actor=actor) is first
    assert first.pk == partner.pk
    PartnerProfile.objects.filter(pk=partner.pk).update(portal_shows_subsidiaries=True)
    assert own_partner(actor=as_actor(contact.user)).portal_shows_subsidiaries
    assert not any(value is first for value in vars(contact.user).values())
