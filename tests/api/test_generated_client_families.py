"""Issue 18, "a generated API client just works", for the customer and
contact families tests/api/test_generated_client.py does not drive: legal
entities, billing accounts, contact points, preferences, relationships,
households, saved searches and partner contacts. Through a client generated
from /api/v1/openapi.json with openapi-python-client, each family is read
and written, and what a user would notice holds: typed attributes carry the
values written, a write is visible on the next read, a stale update is a
409 with the record in its own output schema (PLAT-6), bad input a problem
with its code. The client is generated once per session and the server is
the session's live server; each test builds only the records it needs."""

import datetime
from typing import Any

import pytest

from tests.api.family_checks import account_created, pages, refused, versioned
from tests.api.test_generated_client import call, client, client_of, generated, model

__all__ = ["client", "client_of", "generated"]

pytestmark = pytest.mark.django_db(transaction=True)


def test_cus_7_8_legal_entities_and_billing_accounts(client: Any) -> None:
    """CUS-7: a legal entity is internal or external; CUS-8: a billing
    account belongs to one customer and is listed under it."""
    internal = model("LegalEntityKind").INTERNAL
    entity = call(
        client,
        "customers.legal_entity_create",
        body=model("LegalEntityIn")(name="Müller Holding AG", kind=internal),
    ).parsed
    assert (entity.name, entity.kind.value) == ("Müller Holding AG", "internal")
    listed = call(client, "customers.legal_entity_list", q="Müller").parsed
    assert [e.id for e in listed.items] == [entity.id]
    external = model("LegalEntityKind").EXTERNAL
    versioned(
        client,
        "customers.legal_entity_update",
        entity.id,
        body=model("LegalEntityUpdateIn")(version=entity.version, kind=external),
        output="LegalEntityOut",
        changed=lambda out: out.kind.value == "external",
    )
    assert call(client, "customers.legal_entity_detail", entity.id).parsed.kind.value == "external"
    refused(call(client, "customers.legal_entity_create", body=model("LegalEntityIn")(name="")))

    account = account_created(client, "Ærø Fisk A/S")
    billing = call(
        client,
        "customers.billing_account_create",
        body=model("BillingAccountIn")(
            account_id=account.id, number="BA-001", name="Ærø invoices", currency="DKK"
        ),
    )
    assert billing.status_code == 201, billing.content
    made = billing.parsed
    assert (made.account_id, made.currency, made.status.value) == (account.id, "DKK", "active")
    under = call(client, "customers.billing_account_list", account=account.id).parsed.items
    assert [b.number for b in under] == ["BA-001"]
    suspended = model("BillingStatus").SUSPENDED
    versioned(
        client,
        "customers.billing_account_update",
        made.id,
        body=model("BillingAccountUpdateIn")(version=made.version, status=suspended),
        output="BillingAccountOut",
        changed=lambda out: out.status.value == "suspended",
    )
    read = call(client, "customers.billing_account_detail", made.id).parsed
    assert read.status.value == "suspended"
    invalid = model("BillingAccountIn")(account_id=account.id, number="", name="")
    refused(call(client, "customers.billing_account_create", body=invalid))


def test_con_2_8_9_contact_points_preferences_relationships_households_searches(
    client: Any,
) -> None:
    """A contact's e-mail (CON-2), its legal do-not-contact preference with a
    reason (CON-9), its relationship to an account, a household (CUS-1) and
    a saved search (CON-8) — each written, read back and changed."""
    person = call(
        client,
        "contacts.contact_create",
        body=model("ContactCreateIn")(
            first_name="Zoë", last_name="Ødegård", kind=model("PersonKind").B2C
        ),
    ).parsed
    point = call(
        client,
        "contacts.contact_point_create",
        person.id,
        body=model("ContactPointIn")(
            kind=model("ContactPointKind").EMAIL, email="zoe@odegard.example"
        ),
    )
    assert point.status_code == 201, point.content
    email = point.parsed
    assert email.kind is model("ContactPointKind").EMAIL
    assert email.purpose is model("ContactPointPurpose").WORK
    assert email.display_value == "zoe@odegard.example"
    mobile = model("ContactPointPurpose").MOBILE
    versioned(
        client,
        "contacts.contact_point_update",
        email.id,
        body=model("ContactPointPatchIn")(version=email.version, purpose=mobile),
        output="ContactPointOut",
        changed=lambda out: out.purpose is mobile,
    )
    points = call(client, "contacts.contact_point_list", person.id).parsed
    assert [(p.id, p.purpose) for p in points] == [(email.id, mobile)]
    wrong = model("ContactPointIn")(kind=model("ContactPointKind").EMAIL, email="not an address")
    refused(call(client, "contacts.contact_point_create", person.id, body=wrong))

    do_not = model("ContactPreferenceChoice").DO_NOT
    preference = call(
        client,
        "contacts.preference_create",
        email.id,
        body=model("PreferenceIn")(preference=do_not, reason_code="CUSTOMER_REQUEST"),
    )
    assert preference.status_code == 201, preference.content
    assert preference.parsed.preference is do_not
    assert call(client, "contacts.contact_point_get", email.id).parsed.do_not_contact
    ends = datetime.date.today() + datetime.timedelta(days=30)
    versioned(
        client,
        "contacts.preference_update",
        preference.parsed.id,
        body=model("PreferencePatchIn")(version=preference.parsed.version, end_date=ends),
        output="PreferenceOut",
        changed=lambda out: out.end_date == ends,
    )
    listed = call(client, "contacts.preference_list", email.id).parsed
    assert [p.end_date for p in listed] == [ends]
    unknown = model("PreferenceIn")(preference=do_not, reason_code="NO_SUCH_REASON")
    refused(call(client, "contacts.preference_create", email.id, body=unknown))
    assert call(client, "contacts.preference_delete", preference.parsed.id).status_code == 204
    assert call(client, "contacts.preference_list", email.id).parsed == []
    assert not call(client, "contacts.contact_point_get", email.id).parsed.do_not_contact

    account = account_created(client, "Nordlicht GmbH")
    related = call(
        client,
        "contacts.relationship_create",
        person.id,
        body=model("RelationshipIn")(account_id=account.id, job_title="Einkauf"),
    )
    assert related.status_code == 201, related.content
    link = related.parsed
    assert (link.account_name, link.relationship_type) == (
        "Nordlicht GmbH",
        model("RelationshipType").CONTACT,
    )
    agent = model("RelationshipType").PURCHASING_AGENT
    versioned(
        client,
        "contacts.relationship_update",
        link.id,
        body=model("RelationshipPatchIn")(version=link.version, relationship_type=agent),
        output="RelationshipOut",
        changed=lambda out: out.relationship_type is agent,
    )
    shown = call(client, "contacts.relationship_list", person.id).parsed
    assert [(r.account_id, r.relationship_type) for r in shown] == [(account.id, agent)]
    refused(call(client, "contacts.relationship_create", person.id, body=model("RelationshipIn")()))
    assert call(client, "contacts.relationship_delete", link.id).status_code == 204
    assert call(client, "contacts.relationship_list", person.id).parsed == []
    assert call(client, "contacts.contact_point_delete", email.id).status_code == 204
    assert call(client, "contacts.contact_point_get", email.id).status_code == 404

    _check_household(client, person.id)
    _check_saved_search(client)


def _check_household(client: Any, member_id: int) -> None:
    made = call(
        client,
        "contacts.household_create",
        body=model("HouseholdIn")(name="Ødegård household", member_ids=[member_id]),
    )
    assert made.status_code == 201, made.content
    household = made.parsed
    members = [(m.person_id, m.role) for m in household.members]
    assert members == [(member_id, model("HouseholdRole").MEMBER)]
    versioned(
        client,
        "contacts.household_update",
        household.id,
        body=model("HouseholdPatchIn")(version=household.version, name="Familie Ødegård"),
        output="HouseholdOut",
        changed=lambda out: out.name == "Familie Ødegård",
    )
    found = call(client, "contacts.household_list", q="Familie").parsed.items
    assert [h.id for h in found] == [household.id]
    refused(call(client, "contacts.household_create", body=model("HouseholdIn")(name="")))
    assert call(client, "contacts.household_delete", household.id).status_code == 204
    assert call(client, "contacts.household_get", household.id).status_code == 404


def _check_saved_search(client: Any) -> None:
    criteria = model("SavedSearchInCriteria").from_dict({"q": "Ødegård"})
    made = call(
        client,
        "contacts.saved_search_create",
        body=model("SavedSearchIn")(name="Norway buyers", criteria=criteria),
    )
    assert made.status_code == 201, made.content
    search = made.parsed
    assert not search.predefined
    versioned(
        client,
        "contacts.saved_search_update",
        search.id,
        body=model("SavedSearchPatchIn")(version=search.version, name="Nordic buyers"),
        output="SavedSearchOut",
        changed=lambda out: out.name == "Nordic buyers",
    )
    names = [s.name for s in call(client, "contacts.saved_search_list").parsed]
    assert "Nordic buyers" in names
    refused(call(client, "contacts.saved_search_create", body=model("SavedSearchIn")(name="")))
    assert call(client, "contacts.saved_search_delete", search.id).status_code == 204
    assert call(client, "contacts.saved_search_get", search.id).status_code == 404


def test_pc_1_2_partner_contacts(client: Any) -> None:
    """PC-1: a partner's contacts are listed under it; PC-2: a contact is
    promoted to resource; one primary contact per partner (PA-6)."""
    partner = call(
        client,
        "partners.partner_create",
        body=model("PartnerCreateIn")(
            name="Søndergaard IT",
            primary_contact=model("PersonIn")(first_name="Mette", last_name="Søndergaard"),
            confirm_duplicates=True,
        ),
    ).parsed
    made = call(
        client,
        "partners.partner_contact_create",
        partner.id,
        body=model("PartnerContactCreateIn")(
            first_name="Jonas", last_name="Øberg", job_title="Presales", confirm_duplicates=True
        ),
    )
    assert made.status_code == 201, made.content
    contact = made.parsed
    assert (contact.partner_name, contact.level.value, contact.is_primary) == (
        "Søndergaard IT",
        "contact",
        False,
    )
    roles = call(client, "identity.role_list", page_size=500).parsed.items
    rep_role = next(r for r in roles if r.for_partners and r.code != "ZPM_PARTNER_ADMINISTRATOR")
    promoted = call(
        client,
        "partners.partner_contact_promote_to_resource",
        contact.id,
        body=model("PromoteToResourceIn")(version=contact.version, role_id=rep_role.id),
    ).parsed
    assert (promoted.level.value, promoted.role_id) == ("resource", rep_role.id)
    versioned(
        client,
        "partners.partner_contact_update",
        contact.id,
        body=model("PartnerContactUpdateIn")(version=promoted.version, is_primary=True),
        output="PartnerContactOut",
        changed=lambda out: out.is_primary,
    )
    listed = call(client, "partners.partner_contact_list", partner.id).parsed.items
    assert sorted(pages(client, "partners.partner_contact_list", partner.id)) == sorted(
        c.id for c in listed
    )
    assert {(c.last_name, c.is_primary) for c in listed} == {
        ("Søndergaard", False),
        ("Øberg", True),
    }
    nameless = model("PartnerContactCreateIn")(last_name="")
    refused(call(client, "partners.partner_contact_create", partner.id, body=nameless))
    mette = next(c for c in listed if c.last_name == "Søndergaard")
    assert call(client, "partners.partner_contact_delete", mette.id).status_code == 204
    assert call(client, "partners.partner_contact_detail", mette.id).status_code == 404
