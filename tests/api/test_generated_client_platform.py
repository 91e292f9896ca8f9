"""Issue 18, "a generated API client just works", for the platform and
identity families: custom fields, lookups, profile options, saved views,
users, roles, resources, tokens and the caller's own profile. Each is read
and written through the generated client as
tests/api/test_generated_client_families.py describes."""

from typing import Any

import pytest

from openprm.identity.catalog import SALESPERSON
from tests.api.family_checks import pages, refused, versioned
from tests.api.test_generated_client import call, client, client_of, generated, model

__all__ = ["client", "client_of", "generated"]

pytestmark = pytest.mark.django_db(transaction=True)


def test_plat_3_4_7_custom_fields_lookups_profile_options_and_saved_views(client: Any) -> None:
    """PLAT-7: a field added to Account shows on Partner too; PLAT-4: a
    lookup type's values, edited and removed; PLAT-3: a profile option set
    to one of its allowed values; a saved view keeps the list's filters."""
    text = model("CustomFieldType").TEXT
    added = call(
        client,
        "platform.custom_field_add",
        body=model("CustomFieldCreateIn")(
            record_type="account", name="duns", label="DUNS number", field_type=text
        ),
    )
    assert added.status_code == 201, added.content
    field = added.parsed
    record_types = model("RecordTypeCode")
    assert (field.field_type, field.record_type) == (text, record_types.ACCOUNT)
    on_partner = call(
        client, "platform.custom_field_index", record_type=record_types.PARTNER
    ).parsed.items
    assert [(f.name, f.record_type) for f in on_partner] == [("duns", record_types.ACCOUNT)]
    versioned(
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
    clash = call(client, "platform.custom_field_add", body=on_child)
    refused(clash)
    assert [e.field for e in clash.parsed.errors] == ["name"]
    assert call(client, "platform.custom_field_remove", field.id).status_code == 204
    emptied = call(client, "platform.custom_field_index", record_type=record_types.ACCOUNT)
    assert emptied.parsed.items == []

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
    versioned(
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
    pages(client, "platform.lookup_list", key="code")
    blank = model("LookupValueCreateIn")(code="", meaning="")
    refused(call(client, "platform.lookup_value_add", "SALES_CHANNEL", body=blank))
    assert call(client, "platform.lookup_value_remove", value.id).status_code == 204
    assert call(client, "platform.lookup_detail", "SALES_CHANNEL").parsed.values == []

    option = call(client, "platform.option_detail", "ZPM_PARTNER_CONTACT_MANDATORY").parsed
    assert option.value == option.default_value == "Yes"
    assert option.value_type is model("ProfileOptionValueType").YES_NO
    other = next(v for v in option.allowed_values if v != option.value)
    versioned(
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
    pages(client, "platform.option_list", key="code")
    again = model("ProfileOptionUpdateIn")(version=option.version + 1, value="Perhaps")
    refused(call(client, "platform.option_update", option.code, body=again))

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
    refused(call(client, "platform.saved_view_add", body=nameless))
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
    pages(client, "identity.user_list")
    renamed = versioned(
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
    refused(call(client, "identity.user_create", body=model("UserCreateIn")(username="")))

    roles = call(client, "identity.role_list", page_size=500).parsed.items
    pages(client, "identity.role_list")
    role = call(client, "identity.role_detail", next(r.id for r in roles if r.code == SALESPERSON))
    assert (role.parsed.kind, role.parsed.for_partners) == (model("RoleKind").JOB, False)
    fewer = sorted(role.parsed.privileges)[1:]
    changed = versioned(
        client,
        "identity.role_privileges",
        role.parsed.id,
        body=model("RolePrivilegesIn")(version=role.parsed.version, privileges=fewer),
        output="RoleOut",
        changed=lambda out: sorted(out.privileges) == fewer,
    )
    unknown = model("RolePrivilegesIn")(version=changed.version, privileges=["NO_SUCH_PRIVILEGE"])
    refused(call(client, "identity.role_privileges", role.parsed.id, body=unknown))

    resource = call(
        client,
        "identity.resource_create",
        body=model("ResourceCreateIn")(name="Noor Haddad", title="Channel manager"),
    )
    assert resource.status_code == 201, resource.content
    versioned(
        client,
        "identity.resource_update",
        resource.parsed.id,
        body=model("ResourceUpdateIn")(version=resource.parsed.version, title="Regional lead"),
        output="ResourceOut",
        changed=lambda out: out.title == "Regional lead",
    )
    titles = {r.name: r.title for r in call(client, "identity.resource_list").parsed.items}
    assert titles["Noor Haddad"] == "Regional lead"
    refused(call(client, "identity.resource_create", body=model("ResourceCreateIn")(name="")))

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
    pages(client, "identity.token_list")
    assert "CI job" in {t.name for t in listed}
    refused(call(client, "identity.token_create", body=model("TokenCreateIn")(name="")))

    versioned(
        client,
        "identity.me_update",
        body=model("MeUpdateIn")(version=me.version, first_name="Ada"),
        output="MeOut",
        changed=lambda out: out.first_name == "Ada",
    )
    assert call(ci, "identity.me_get").parsed.first_name == "Ada"
    assert call(client, "identity.token_revoke", token.id).status_code == 204
    assert call(ci, "identity.me_get").status_code == 401
