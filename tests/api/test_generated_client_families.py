"""Issue 18, "a generated API client just works", for the families
tests/api/test_generated_client.py does not drive: through a client
generated from /api/v1/openapi.json with openapi-python-client, each family
is read and (where the API offers it) written, and what a user would notice
holds — typed attributes carry the values written, a write is visible on
the next read, a stale update is a 409 with the record in its own output
schema (PLAT-6), bad input a problem with its code. The client is generated
once per session and the server is the session's live server; each test
builds only the records its families need."""

import datetime
import importlib
import io
from collections.abc import Callable
from typing import Any

import pytest

from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import User
from openprm.programs.models import Partnership, Program
from tests.api.test_generated_client import call, client, client_of, generated, model
from tests.imports.conftest import csv_bytes
from tests.programs.conftest import (
    customer,
    make_partner,
    make_portal_user,
    partnerships,
    products,
    program,
    register,
    two_partners,
    win,
)
from tests.trainings.conftest import catalogue

__all__ = [
    "catalogue",
    "client",
    "client_of",
    "customer",
    "generated",
    "make_partner",
    "make_portal_user",
    "partnerships",
    "products",
    "program",
    "register",
    "two_partners",
    "win",
]

pytestmark = pytest.mark.django_db(transaction=True)


def _versioned(
    api: Any, operation: str, *path: Any, body: Any, output: str, changed: Callable[[Any], bool]
) -> Any:
    """PLAT-6: `body` (carrying the record's version) applies once; sent
    again it is a 409 whose `current` is the changed record, typed."""
    updated = call(api, operation, *path, body=body)
    assert updated.status_code == 200, updated.content
    assert isinstance(updated.parsed, model(output))
    assert changed(updated.parsed)
    stale = call(api, operation, *path, body=body)
    assert stale.status_code == 409, stale.content
    assert stale.parsed.code == "stale_version"
    assert isinstance(stale.parsed.current, model(output)), type(stale.parsed.current)
    assert changed(stale.parsed.current)
    return updated.parsed


def _acted(
    api: Any,
    operation: str,
    record_id: int,
    *,
    body: Callable[[int], Any],
    version: int,
    output: str,
    changed: Callable[[Any], bool],
) -> Any:
    """PLAT-6 for an action that moves a record on (review, revoke, waive):
    sent with a version the record does not have it is a 409 with the record
    as it is, typed; sent with its version it acts. (Sent twice, the second
    is refused for the record's new state, not its version.)"""
    stale = call(api, operation, record_id, body=body(version + 1))
    assert stale.status_code == 409, stale.content
    assert stale.parsed.code == "stale_version"
    assert isinstance(stale.parsed.current, model(output)), type(stale.parsed.current)
    assert stale.parsed.current.version == version
    acted = call(api, operation, record_id, body=body(version))
    assert acted.status_code == 200, acted.content
    assert changed(acted.parsed)
    return acted.parsed


def _refused(answer: Any, status: int = 422, code: str = "validation_failed") -> None:
    assert answer.status_code == status, answer.content
    assert answer.parsed.code == code


def _account(api: Any, name: str) -> Any:
    body = model("AccountCreateIn")(name=name, country="DE", confirm_duplicates=True)
    created = call(api, "customers.account_create", body=body)
    assert created.status_code == 201, created.content
    return created.parsed


def test_cus_7_8_legal_entities_and_billing_accounts(client: Any) -> None:
    """CUS-7: a legal entity is internal or external; CUS-8: a billing
    account belongs to one customer and is listed under it."""
    internal = model("LegalEntityInKind").INTERNAL
    entity = call(
        client,
        "customers.legal_entity_create",
        body=model("LegalEntityIn")(name="Müller Holding AG", kind=internal),
    ).parsed
    assert (entity.name, entity.kind.value) == ("Müller Holding AG", "internal")
    listed = call(client, "customers.legal_entity_list", q="Müller").parsed
    assert [e.id for e in listed.items] == [entity.id]
    external = model("LegalEntityUpdateInKindType0").EXTERNAL
    _versioned(
        client,
        "customers.legal_entity_update",
        entity.id,
        body=model("LegalEntityUpdateIn")(version=entity.version, kind=external),
        output="LegalEntityOut",
        changed=lambda out: out.kind.value == "external",
    )
    assert call(client, "customers.legal_entity_detail", entity.id).parsed.kind.value == "external"
    _refused(call(client, "customers.legal_entity_create", body=model("LegalEntityIn")(name="")))

    account = _account(client, "Ærø Fisk A/S")
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
    suspended = model("BillingAccountUpdateInStatusType0").SUSPENDED
    _versioned(
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
    _refused(call(client, "customers.billing_account_create", body=invalid))


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
    _versioned(
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
    _refused(call(client, "contacts.contact_point_create", person.id, body=wrong))

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
    _versioned(
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
    _refused(call(client, "contacts.preference_create", email.id, body=unknown))

    account = _account(client, "Nordlicht GmbH")
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
    _versioned(
        client,
        "contacts.relationship_update",
        link.id,
        body=model("RelationshipPatchIn")(version=link.version, relationship_type=agent),
        output="RelationshipOut",
        changed=lambda out: out.relationship_type is agent,
    )
    shown = call(client, "contacts.relationship_list", person.id).parsed
    assert [(r.account_id, r.relationship_type) for r in shown] == [(account.id, agent)]
    _refused(
        call(client, "contacts.relationship_create", person.id, body=model("RelationshipIn")())
    )

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
    assert [m.person_id for m in household.members] == [member_id]
    _versioned(
        client,
        "contacts.household_update",
        household.id,
        body=model("HouseholdPatchIn")(version=household.version, name="Familie Ødegård"),
        output="HouseholdOut",
        changed=lambda out: out.name == "Familie Ødegård",
    )
    found = call(client, "contacts.household_list", q="Familie").parsed.items
    assert [h.id for h in found] == [household.id]
    _refused(call(client, "contacts.household_create", body=model("HouseholdIn")(name="")))
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
    _versioned(
        client,
        "contacts.saved_search_update",
        search.id,
        body=model("SavedSearchPatchIn")(version=search.version, name="Nordic buyers"),
        output="SavedSearchOut",
        changed=lambda out: out.name == "Nordic buyers",
    )
    names = [s.name for s in call(client, "contacts.saved_search_list").parsed]
    assert "Nordic buyers" in names
    _refused(call(client, "contacts.saved_search_create", body=model("SavedSearchIn")(name="")))
    assert call(client, "contacts.saved_search_delete", search.id).status_code == 204
    assert call(client, "contacts.saved_search_get", search.id).status_code == 404


def test_plat_3_4_7_custom_fields_lookups_profile_options_and_saved_views(client: Any) -> None:
    """PLAT-7: a field added to Account shows on Partner too; PLAT-4: a
    lookup type's values, edited and removed; PLAT-3: a profile option set
    to one of its allowed values; a saved view keeps the list's filters."""
    text = model("CustomFieldCreateInFieldType").TEXT
    added = call(
        client,
        "platform.custom_field_add",
        body=model("CustomFieldCreateIn")(
            record_type="account", name="duns", label="DUNS number", field_type=text
        ),
    )
    assert added.status_code == 201, added.content
    field = added.parsed
    assert field.field_type is model("CustomFieldType").TEXT
    on_partner = call(client, "platform.custom_field_index", record_type="partner").parsed.items
    assert [f.name for f in on_partner] == ["duns"]
    _versioned(
        client,
        "platform.custom_field_edit",
        field.id,
        body=model("CustomFieldUpdateIn")(version=field.version, label="D-U-N-S", required=True),
        output="CustomFieldOut",
        changed=lambda out: (out.label, out.required) == ("D-U-N-S", True),
    )
    on_child = model("CustomFieldCreateIn")(
        record_type="partner", name="duns", label="Again", field_type=text
    )
    refused = call(client, "platform.custom_field_add", body=on_child)
    _refused(refused)
    assert [e.field for e in refused.parsed.errors] == ["name"]
    assert call(client, "platform.custom_field_remove", field.id).status_code == 204
    assert call(client, "platform.custom_field_index", record_type="account").parsed.items == []

    created = call(
        client,
        "platform.lookup_create",
        body=model("LookupTypeCreateIn")(code="SALES_CHANNEL", name="Sales channel"),
    )
    assert created.status_code == 201, created.content
    assert not created.parsed.system
    value = call(
        client,
        "platform.lookup_value_add",
        "SALES_CHANNEL",
        body=model("LookupValueCreateIn")(code="WEB", meaning="Web shop", tags=["ONLINE"]),
    ).parsed
    assert (value.meaning, value.tags, value.active) == ("Web shop", ["ONLINE"], True)
    _versioned(
        client,
        "platform.lookup_value_edit",
        value.id,
        body=model("LookupValueUpdateIn")(version=value.version, meaning="Online shop"),
        output="LookupValueOut",
        changed=lambda out: out.meaning == "Online shop",
    )
    detail = call(client, "platform.lookup_detail", "SALES_CHANNEL").parsed
    assert [(v.code, v.meaning) for v in detail.values] == [("WEB", "Online shop")]
    assert "SALES_CHANNEL" in {t.code for t in call(client, "platform.lookup_list").parsed.items}
    blank = model("LookupValueCreateIn")(code="", meaning="")
    _refused(call(client, "platform.lookup_value_add", "SALES_CHANNEL", body=blank))
    assert call(client, "platform.lookup_value_remove", value.id).status_code == 204
    assert call(client, "platform.lookup_detail", "SALES_CHANNEL").parsed.values == []

    option = call(client, "platform.option_detail", "ZPM_PARTNER_CONTACT_MANDATORY").parsed
    assert option.value == option.default_value == "Yes"
    assert option.value_type is model("ProfileOptionValueType").YES_NO
    other = next(v for v in option.allowed_values if v != option.value)
    _versioned(
        client,
        "platform.option_update",
        option.code,
        body=model("ProfileOptionUpdateIn")(version=option.version, value=other),
        output="ProfileOptionOut",
        changed=lambda out: out.value == other,
    )
    listed = {
        o.code: o.value for o in call(client, "platform.option_list", page_size=500).parsed.items
    }
    assert listed["ZPM_PARTNER_CONTACT_MANDATORY"] == other
    again = model("ProfileOptionUpdateIn")(version=option.version + 1, value="Perhaps")
    _refused(call(client, "platform.option_update", option.code, body=again))

    saved = call(
        client,
        "platform.saved_view_add",
        body=model("SavedViewIn")(
            list_name="deals.registrations", name="Submitted", query="state=submitted&page=2"
        ),
    )
    assert saved.status_code == 201, saved.content
    assert saved.parsed.query == "state=submitted"
    views = call(client, "platform.saved_view_index", list_name="deals.registrations").parsed.items
    assert [v.name for v in views] == ["Submitted"]
    nameless = model("SavedViewIn")(list_name="deals.registrations", name="", query="")
    _refused(call(client, "platform.saved_view_add", body=nameless))
    assert call(client, "platform.saved_view_remove", saved.parsed.id).status_code == 204
    assert call(client, "platform.saved_view_index").parsed.items == []


def test_plat_1_2_users_roles_resources_tokens_and_me(
    generated: Any, client: Any, live_server: Any
) -> None:
    """PLAT-2: a user created with a role holds it, a role's privileges
    change with its version, a resource is renamed; PLAT-1: a token made
    through the API signs in until it is revoked; the caller's own profile."""
    made = call(
        client,
        "identity.user_create",
        body=model("UserCreateIn")(
            username="jdoe", email="jdoe@example.com", last_name="Doe", roles=[SALESPERSON]
        ),
    )
    assert made.status_code == 201, made.content
    user = made.parsed
    assert (user.roles, user.user_type.value, user.is_active) == ([SALESPERSON], "internal", True)
    assert [u.id for u in call(client, "identity.user_list", q="jdoe").parsed.items] == [user.id]
    renamed = _versioned(
        client,
        "identity.user_update",
        user.id,
        body=model("UserUpdateIn")(version=user.version, first_name="Jane"),
        output="UserOut",
        changed=lambda out: out.first_name == "Jane",
    )
    gone = call(client, "identity.user_deactivate", renamed.id)
    assert gone.status_code == 200, gone.content
    assert not call(client, "identity.user_detail", user.id).parsed.is_active
    _refused(call(client, "identity.user_create", body=model("UserCreateIn")(username="")))

    roles = call(client, "identity.role_list", page_size=500).parsed.items
    role = call(client, "identity.role_detail", next(r.id for r in roles if r.code == SALESPERSON))
    assert (role.parsed.kind, role.parsed.for_partners) == (model("RoleKind").JOB, False)
    fewer = sorted(role.parsed.privileges)[1:]
    changed = _versioned(
        client,
        "identity.role_privileges",
        role.parsed.id,
        body=model("RolePrivilegesIn")(version=role.parsed.version, privileges=fewer),
        output="RoleOut",
        changed=lambda out: sorted(out.privileges) == fewer,
    )
    unknown = model("RolePrivilegesIn")(version=changed.version, privileges=["NO_SUCH_PRIVILEGE"])
    _refused(call(client, "identity.role_privileges", role.parsed.id, body=unknown))

    resource = call(
        client,
        "identity.resource_create",
        body=model("ResourceCreateIn")(name="Noor Haddad", title="Channel manager"),
    )
    assert resource.status_code == 201, resource.content
    _versioned(
        client,
        "identity.resource_update",
        resource.parsed.id,
        body=model("ResourceUpdateIn")(version=resource.parsed.version, title="Regional lead"),
        output="ResourceOut",
        changed=lambda out: out.title == "Regional lead",
    )
    titles = {r.name: r.title for r in call(client, "identity.resource_list").parsed.items}
    assert titles["Noor Haddad"] == "Regional lead"
    _refused(call(client, "identity.resource_create", body=model("ResourceCreateIn")(name="")))

    _check_token_and_me(generated, client, live_server)


def _check_token_and_me(generated: Any, client: Any, live_server: Any) -> None:
    issued = call(client, "identity.token_create", body=model("TokenCreateIn")(name="CI job"))
    assert issued.status_code == 201, issued.content
    token = issued.parsed
    assert token.token.startswith(token.prefix)
    assert token.revoked_at is None
    ci = generated.AuthenticatedClient(base_url=live_server.url, token=token.token)
    me = call(ci, "identity.me_get").parsed
    assert isinstance(me, model("MeOut"))
    assert me.username == "admin"
    listed = call(client, "identity.token_list").parsed.items
    assert "CI job" in {t.name for t in listed}
    _refused(call(client, "identity.token_create", body=model("TokenCreateIn")(name="")))

    _versioned(
        client,
        "identity.me_update",
        body=model("MeUpdateIn")(version=me.version, first_name="Ada"),
        output="MeOut",
        changed=lambda out: out.first_name == "Ada",
    )
    assert call(ci, "identity.me_get").parsed.first_name == "Ada"
    assert call(client, "identity.token_revoke", token.id).status_code == 204
    assert call(ci, "identity.me_get").status_code == 401


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
    _versioned(
        client,
        "partners.partner_contact_update",
        contact.id,
        body=model("PartnerContactUpdateIn")(version=promoted.version, is_primary=True),
        output="PartnerContactOut",
        changed=lambda out: out.is_primary,
    )
    listed = call(client, "partners.partner_contact_list", partner.id).parsed.items
    assert {(c.last_name, c.is_primary) for c in listed} == {
        ("Søndergaard", False),
        ("Øberg", True),
    }
    nameless = model("PartnerContactCreateIn")(last_name="")
    _refused(call(client, "partners.partner_contact_create", partner.id, body=nameless))
    mette = next(c for c in listed if c.last_name == "Søndergaard")
    assert call(client, "partners.partner_contact_delete", mette.id).status_code == 204
    assert call(client, "partners.partner_contact_detail", mette.id).status_code == 404


def test_prg_1_10_recruitment_campaigns_and_partner_applications(
    generated: Any, client: Any, live_server: Any, program: Program
) -> None:
    """PRG-1: anyone applies to a public program, from a campaign; PRG-10:
    the channel team reviews, asks for information and rejects with a
    reason, each step guarded by the application's version."""
    campaign = call(
        client,
        "partner_recruitment.campaign_create",
        body=model("CampaignIn")(code="fair-2026", name="Partner fair 2026"),
    )
    assert campaign.status_code == 201, campaign.content
    assert campaign.parsed.is_active
    codes = [c.code for c in call(client, "partner_recruitment.campaign_list").parsed.items]
    assert codes == ["fair-2026"]
    blank = model("CampaignIn")(code="", name="")
    _refused(call(client, "partner_recruitment.campaign_create", body=blank))

    public = generated.Client(base_url=live_server.url)
    applied = call(
        public,
        "partner_recruitment.application_submit",
        body=model("ApplicationIn")(
            program_code=program.code,
            campaign_code="fair-2026",
            company_name="Łódź Networks",
            country="PL",
            first_name="Agnieszka",
            last_name="Wójcik",
            email="agnieszka@lodz-networks.example",
        ),
    )
    assert applied.status_code == 201, applied.content
    assert applied.parsed.state.value == "submitted"
    submitted = model("ApplicationListStateType0").SUBMITTED
    queue = call(client, "partner_recruitment.application_list", state=submitted).parsed.items
    assert [a.company_name for a in queue] == ["Łódź Networks"]
    application = call(client, "partner_recruitment.application_detail", queue[0].id).parsed
    assert (application.campaign_id, application.program_id) == (campaign.parsed.id, program.pk)

    reviewing = _acted(
        client,
        "partner_recruitment.application_review",
        application.id,
        body=lambda v: model("ApplicationVersionIn")(version=v),
        version=application.version,
        output="ApplicationOut",
        changed=lambda out: out.state.value == "under_review",
    )
    again = model("ApplicationVersionIn")(version=reviewing.version)
    repeated = call(client, "partner_recruitment.application_review", application.id, body=again)
    _refused(repeated, status=409, code="application_state")
    asked = call(
        client,
        "partner_recruitment.application_request_info",
        application.id,
        body=model("InfoRequestIn")(version=reviewing.version, message="Your VAT number?"),
    ).parsed
    assert (asked.state.value, asked.info_request) == ("info_requested", "Your VAT number?")
    no_reason = model("ApplicationRejectIn")(version=asked.version, reason="")
    _refused(call(client, "partner_recruitment.application_reject", application.id, body=no_reason))
    reasons = call(client, "platform.lookup_detail", "PARTNER_APPLICATION_REJECT_REASON").parsed
    region = next(v for v in reasons.values if "region" in v.meaning)
    rejected = call(
        client,
        "partner_recruitment.application_reject",
        application.id,
        body=model("ApplicationRejectIn")(
            version=asked.version, reason=region.code, note="Poland opens next year."
        ),
    ).parsed
    assert (rejected.state.value, rejected.reject_reason) == ("rejected", "OUT_OF_REGION")
    assert rejected.decision_note == "Poland opens next year."


def test_prg_6_12_training_completions_and_certifications_held(
    client: Any,
    client_of: Callable[[User], Any],
    two_partners: dict[str, Any],
    catalogue: dict[str, Any],
) -> None:
    """PRG-6: a partner administrator records its own people's trainings,
    never another partner's; PRG-12: a certification held expires after its
    validity and is revoked with a reason."""
    nw_admin = client_of(two_partners["nw_admin"].user)
    rep, other = two_partners["nw_rep"], two_partners["co_rep"]
    training = catalogue["training"]

    def completion(contact_id: int) -> Any:
        body = model("CompletionIn")(
            contact_id=contact_id,
            training_id=training.pk,
            completed_on=datetime.date(2026, 1, 10),
            evidence_reference="https://lms.example/123",
        )
        return call(nw_admin, "trainings.completion_create", body=body)

    made = completion(rep.pk)
    assert made.status_code == 201, made.content
    assert (made.parsed.person, made.parsed.training) == (rep.person.full_name, training.name)
    read = call(nw_admin, "trainings.completion_detail", made.parsed.id).parsed
    assert read.completed_on == datetime.date(2026, 1, 10)
    listed = call(client, "trainings.completion_list", partner=two_partners["nw"].pk).parsed
    assert [c.id for c in listed.items] == [made.parsed.id]
    _refused(completion(other.pk), status=404, code="not_found")

    certification = catalogue["certification"]
    issued = datetime.date(2026, 3, 1)

    def hold(**dates: Any) -> Any:
        body = model("HeldIn")(
            holder_id=rep.pk, certification_id=certification.pk, issued_on=issued, **dates
        )
        return call(client, "trainings.held_create", body=body)

    _refused(hold(expires_on=datetime.date(2026, 2, 1)), code="expires_before_issue")
    held = hold()
    assert held.status_code == 201, held.content
    assert (held.parsed.certification_code, held.parsed.expires_on) == (
        certification.code,
        datetime.date(2028, 3, 1),
    )
    revoked = _acted(
        client,
        "trainings.held_revoke",
        held.parsed.id,
        body=lambda v: model("RevokeIn")(version=v, reason="Audit"),
        version=held.parsed.version,
        output="HeldOut",
        changed=lambda out: out.revoke_reason == "Audit",
    )
    assert revoked.status is model("HeldStatus").REVOKED
    found = call(client, "trainings.held_list", status=model("HeldStatus").REVOKED)
    assert [h.id for h in found.parsed.items] == [held.parsed.id]
    assert call(client, "trainings.held_detail", held.parsed.id).parsed.revoked_on is not None


def test_prg_4_11_tiers_and_downgrade_reviews(
    client: Any,
    program: Program,
    partnerships: dict[str, Partnership],
    win: Callable[..., Any],
) -> None:
    """PRG-4: a tier added at the top of a program's ladder, edited and
    removed; PRG-11: a partner placed above what its figures reach gets a
    downgrade review, which the channel manager waives with a reason."""
    added = call(
        client,
        "programs.tier_create",
        program.pk,
        body=model("TierIn")(name="Platinum", protection_days=240),
    )
    assert added.status_code == 201, added.content
    tier = added.parsed
    assert (tier.rank, tier.program_id, tier.protection_days) == (4, program.pk, 240)
    _versioned(
        client,
        "programs.tier_update",
        tier.id,
        body=model("TierUpdateIn")(version=tier.version, benefits="Named account manager"),
        output="TierOut",
        changed=lambda out: out.benefits == "Named account manager",
    )
    _refused(call(client, "programs.tier_create", program.pk, body=model("TierIn")(name="")))
    assert call(client, "programs.tier_delete", tier.id).status_code == 204
    ladder = call(client, "programs.program_detail", program.pk).parsed.tiers
    assert [t.name for t in ladder] == ["Registered", "Silver", "Gold"]

    co = partnerships["co"]
    Program.objects.filter(pk=program.pk).update(grace_days=0)
    gold = model("OverrideIn")(
        version=co.version, tier_id=program.tiers.get(name="Gold").pk, reason="Strategic"
    )
    assert call(client, "programs.partnership_override", co.pk, body=gold).status_code == 200
    assert call(client, "programs.program_evaluate", program.pk).status_code == 200
    state = model("DowngradeReviewState")
    waiting = call(client, "programs.review_list", state=state.OPEN).parsed.items
    assert [(r.partnership_id, r.state) for r in waiting] == [(co.pk, state.OPEN)]
    review = waiting[0]
    _acted(
        client,
        "programs.review_waive",
        review.id,
        body=lambda v: model("ReasonIn")(version=v, reason="Big deal closing"),
        version=review.version,
        output="ReviewOut",
        changed=lambda out: (out.state, out.reason) == (state.WAIVED, "Big deal closing"),
    )
    closed = model("ReasonIn")(version=review.version + 1, reason="Too late")
    _refused(call(client, "programs.review_accept", review.id, body=closed), 409, "review_closed")
    assert call(client, "programs.review_list", state=state.OPEN).parsed.items == []
    done = call(client, "programs.review_list", state=state.WAIVED).parsed.items
    assert [r.id for r in done] == [review.id]


def test_ter_3_territory_realignment(client: Any) -> None:
    """TER-3: an account created before its territory's criteria lands in
    the territory once a realignment has run; its progress is typed."""
    account = _account(client, "Bayerische Werke")
    territory = call(
        client, "territories.territory_create", body=model("TerritoryIn")(name="DACH")
    ).parsed
    country = model("CriterionInDimension").COUNTRY
    criterion = model("CriterionIn")(dimension=country, value="DE")
    added = call(client, "territories.criterion_add", territory.id, body=criterion)
    assert added.status_code == 201, added.content
    started = call(client, "territories.realignment_start")
    assert started.status_code == 202, started.content
    run = call(client, "territories.realignment_status", started.parsed.id).parsed
    assert isinstance(run, model("RealignmentOut"))
    assert (run.status.value, run.percent, run.error) == ("done", 100, "")
    assert run.assigned >= 1
    held = call(client, "territories.account_territory_list", account.id).parsed
    assert [t.territory_name for t in held] == ["DACH"]
    assert call(client, "territories.realignment_status", run.id + 1).status_code == 404


def test_imp_1_imports_listed_by_status(
    generated: Any, client_of: Callable[[User], Any], sales_admin: User
) -> None:
    """IMP-1: a client uploads a file, finds it among its queued imports,
    starts it and then finds it among the finished ones; an unknown kind is
    refused."""
    api = client_of(sales_admin)
    kinds = {k.code for k in call(api, "imports.import_kind_list").parsed}
    assert {"accounts", "contacts"} <= kinds
    data = csv_bytes(["Account Name", "Billing Country"], [["Société Générale Test", "France"]])
    file_type = importlib.import_module(f"{generated.__name__}.types").File

    def upload(kind: str) -> Any:
        body = model("ImportJobCreateMultiPartBodyParams")(
            file=file_type(payload=io.BytesIO(data), file_name="Account.csv", mime_type="text/csv"),
            kind=kind,
            start=False,
        )
        return call(api, "imports.import_job_create", body=body)

    created = upload("accounts")
    assert created.status_code == 201, created.content
    status = model("ImportJobStatus")
    queued = call(api, "imports.import_job_list", status=status.QUEUED).parsed.items
    assert [j.id for j in queued] == [created.parsed.id]
    assert call(api, "imports.import_job_list", status=status.DONE).parsed.items == []
    started = call(
        api, "imports.import_job_start", created.parsed.id, body=model("ImportStartIn")()
    )
    assert started.status_code == 200, started.content
    job = call(api, "imports.import_job_get", created.parsed.id).parsed
    assert (job.status, job.accepted_rows) == (status.DONE, 1)
    finished = call(api, "imports.import_job_list", status=status.DONE).parsed.items
    assert [j.id for j in finished] == [job.id]
    _refused(upload("spaceships"))
