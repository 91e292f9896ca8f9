"""CON-8: the All Contacts search needs a term of two characters or more and
does not find contacts related to no customer (B2B); B2C contacts are
customers themselves (CUS-1) and are found."""

from collections.abc import Callable

import pytest
from django.test import Client

from openprm.contacts import selectors, services
from openprm.contacts.filters import ContactFilter
from openprm.contacts.models import Person
from openprm.core.errors import ValidationFailed
from openprm.customers.services import account_delete
from openprm.identity.models import User
from tests.contacts.helpers import make_account, make_contact
from tests.factories import as_actor

ClientFor = Callable[[User], Client]


def _found(actor: User, q: str) -> set[str]:
    contacts = selectors.contact_list(actor=as_actor(actor), filters=ContactFilter(q=q))
    return {p.last_name for p in contacts}


def test_con_8_search_skips_contacts_of_no_customer(
    salesperson: User, sales_admin: User, api_client_for: ClientFor
) -> None:
    """CON-8: search skips contacts of no customer."""
    acme = make_account(salesperson, "Acme")
    gone = make_account(salesperson, "Gone Inc")
    make_contact(salesperson, "Zed Related", acme)
    lone = make_contact(salesperson, "Zed Lonely")
    make_contact(salesperson, "Zed Individual", kind=Person.Kind.B2C)
    make_contact(salesperson, "Zed Orphaned", gone)
    services.relationship_add(
        actor=as_actor(salesperson),
        person=lone,
        related_person=make_contact(salesperson, "Other"),
        relationship_type="colleague",
    )
    account_delete(actor=as_actor(sales_admin), account=gone)
    expected = {"Zed Related", "Zed Individual"}
    assert _found(salesperson, "zed") == expected
    body = api_client_for(salesperson).get("/api/v1/contacts?q=zed").json()
    assert {c["last_name"] for c in body["items"]} == expected


def test_con_8_one_character_term_is_refused(salesperson: User) -> None:
    """CON-8: one character term is refused."""
    with pytest.raises(ValidationFailed) as refused:
        selectors.contact_list(actor=as_actor(salesperson), filters=ContactFilter(q="z", email=" "))
    assert refused.value.code == "search_term_required"
    assert (
        selectors.contact_list(actor=as_actor(salesperson), filters=ContactFilter(email="ze"))
        is not None
    )
