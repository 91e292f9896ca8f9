"""PRG-7: a partner user's actor knows its partner from its membership,
never from a request."""

from typing import Any

import pytest

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
