"""Issue 18 "The fields migrations carry": a contact's salutation, an
active SALUTATION lookup value, through the service, the API and the
pages (CON-1, PLAT-4)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from openprm.contacts.models import Person
from openprm.contacts.services import contact_update
from openprm.core.errors import ValidationFailed
from openprm.core.lookups.models import LookupValue
from openprm.identity.models import User
from tests.contacts.helpers import make_contact
from tests.factories import as_actor

pytestmark = pytest.mark.django_db

ClientFor = Callable[[User], Client]


def test_con_1_salutation_is_read_by_code_or_label_and_stored_as_its_code(
    salesperson: User,
) -> None:
    """CON-1/PLAT-4: "Dr.", "dr" and "DR" are the same salutation."""
    assert make_contact(salesperson, "Wesker", salutation="Dr.").salutation == "DR"
    assert make_contact(salesperson, "Dyson", salutation=" dr ").salutation == "DR"
    person = make_contact(salesperson, "Potts", salutation="ms.")
    assert person.salutation == "MS"
    updated = contact_update(
        actor=as_actor(salesperson),
        person=person,
        changes={"salutation": "Mrs."},
        expected_version=person.version,
    )
    assert Person.objects.get(pk=updated.pk).salutation == "MRS"


def test_con_1_an_unknown_or_retired_salutation_is_refused_by_its_field(
    salesperson: User,
) -> None:
    """CON-1: a value no active SALUTATION value has is a field error."""
    with pytest.raises(ValidationFailed) as refused:
        make_contact(salesperson, "Rossi", salutation="Sig.ra")
    assert refused.value.field_errors == {"salutation": ["“Sig.ra” is not a known salutation."]}
    LookupValue.objects.filter(lookup_type__code="SALUTATION", code="MX").update(active=False)
    person = make_contact(salesperson, "Lee")
    with pytest.raises(ValidationFailed) as retired:
        contact_update(
            actor=as_actor(salesperson),
            person=person,
            changes={"salutation": "MX"},
            expected_version=person.version,
        )
    assert list(retired.value.field_errors) == ["salutation"]


def test_con_1_api_takes_returns_and_patches_the_salutation(
    salesperson: User, api_client_for: Any
) -> None:
    """CON-1 in the API: in on create and PATCH, out on reads; a bad value
    is an RFC 9457 problem naming the field."""
    client = api_client_for(salesperson)
    created = client.post(
        "/api/v1/contacts",
        {"last_name": "Simpson", "salutation": "Mr."},
        content_type="application/json",
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["salutation"] == "MR"
    patched = client.patch(
        f"/api/v1/contacts/{body['id']}",
        {"version": body["version"], "salutation": ""},
        content_type="application/json",
    )
    assert patched.status_code == 200, patched.content
    assert patched.json()["salutation"] == ""
    bad = client.post(
        "/api/v1/contacts",
        {"last_name": "Tremblay", "salutation": "M."},
        content_type="application/json",
    )
    assert bad.status_code == 422
    assert bad["Content-Type"].startswith("application/problem+json")
    assert [e["field"] for e in bad.json()["errors"]] == ["salutation"]


def test_con_1_pages_offer_the_salutations_and_show_the_label(
    salesperson: User, client_for: ClientFor
) -> None:
    """The create and edit forms choose among the active salutations; the
    detail page shows the label, not the code."""
    client = client_for(salesperson)
    refused = client.post("/contacts/new/", {"last_name": "X", "kind": "b2b", "salutation": "ZZ"})
    assert 'id="id_salutation_error"' in refused.text
    created = client.post(
        "/contacts/new/", {"last_name": "Wesker", "kind": "b2b", "salutation": "DR"}
    )
    assert created.status_code == 302
    person = Person.objects.get(last_name="Wesker")
    page = client.get(f"/contacts/{person.pk}/").text
    assert 'data-testid="contact-salutation">Dr.</dd>' in page
    edit = client.get(f"/contacts/{person.pk}/edit/").text
    assert '<option value="DR" selected>Dr.</option>' in edit
    saved = client.post(
        f"/contacts/{person.pk}/edit/",
        {"last_name": "Wesker", "kind": "b2b", "salutation": "PROF", "version": person.version},
    )
    assert saved.status_code == 302
    assert Person.objects.get(pk=person.pk).salutation == "PROF"
