"""PLAT-7 custom fields through the API, on the test record types
`test_widget` and its child `test_special_widget`."""

from typing import Any

import pytest

from openprm.core.customfields.values import custom_filter, custom_values_clean
from openprm.core.errors import ValidationFailed
from openprm.core.records import record_create
from openprm.identity.models import User
from tests.factories import as_actor
from tests.testapp.models import Widget

pytestmark = pytest.mark.django_db

URL = "/api/v1/custom-fields"


def _define(client: Any, record_type: str, name: str, field_type: str, **extra: Any) -> Any:
    response = client.post(
        URL,
        {
            "record_type": record_type,
            "name": name,
            "label": name.title(),
            "field_type": field_type,
            **extra,
        },
        content_type="application/json",
    )
    assert response.status_code == 201, response.content
    return response.json()


def test_plat_7_record_types_show_their_hierarchy(salesperson: User, api_client_for) -> None:
    types = {t["code"]: t for t in api_client_for(salesperson).get("/api/v1/record-types").json()}
    assert types["test_special_widget"]["parent"] == "test_widget"
    assert types["test_widget"]["parent"] is None


def test_plat_7_parent_field_applies_to_child_not_vice_versa(
    admin_user: User, api_client_for
) -> None:
    client = api_client_for(admin_user)
    _define(client, "test_widget", "size", "number")
    _define(client, "test_special_widget", "glow", "boolean")
    on_child = client.get(URL, {"record_type": "test_special_widget"}).json()["items"]
    on_parent = client.get(URL, {"record_type": "test_widget"}).json()["items"]
    assert sorted(f["name"] for f in on_child) == ["glow", "size"]
    assert [f["name"] for f in on_parent] == ["size"]
    assert custom_values_clean("test_special_widget", {"size": "3", "glow": "yes"}) == {
        "size": 3,
        "glow": True,
    }
    with pytest.raises(ValidationFailed) as refused:
        custom_values_clean("test_widget", {"glow": "yes"})
    assert "custom.glow" in refused.value.field_errors


def test_plat_7_the_record_type_filter_takes_only_registered_types(
    admin_user: User, api_client_for
) -> None:
    """PLAT-7: a field's record type is the `RecordTypeCode` enum, in the
    answer and in the filter: a type no app registered is a 422 problem,
    not an empty list."""
    client = api_client_for(admin_user)
    _define(client, "test_widget", "size", "number")
    listed = client.get(URL, {"record_type": "test_widget"}).json()["items"]
    assert [(f["name"], f["record_type"]) for f in listed] == [("size", "test_widget")]
    refused = client.get(URL, {"record_type": "test_gadget"})
    assert (refused.status_code, refused["Content-Type"]) == (422, "application/problem+json")


def test_plat_7_a_name_is_unique_along_the_hierarchy(admin_user: User, api_client_for) -> None:
    client = api_client_for(admin_user)
    _define(client, "test_widget", "size", "number")
    response = client.post(
        URL,
        {"record_type": "test_special_widget", "name": "size", "label": "S", "field_type": "text"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "name"


@pytest.mark.parametrize(
    ("field_type", "good", "stored", "bad"),
    [
        ("text", "  hello ", "hello", "x" * 1001),
        ("number", "12.5", 12.5, "twelve"),
        ("date", "2025-01-31", "2025-01-31", "31/01/2025"),
        ("boolean", "no", False, "perhaps"),
        ("choice", "RETAIL", "RETAIL", "SHOPS"),
    ],
)
def test_plat_7_values_are_validated_by_type(
    admin_user: User, api_client_for, field_type: str, good: Any, stored: Any, bad: Any
) -> None:
    extra = {"lookup_type": "INDUSTRY"} if field_type == "choice" else {}
    _define(api_client_for(admin_user), "test_widget", "extra", field_type, **extra)
    assert custom_values_clean("test_widget", {"extra": good}) == {"extra": stored}
    with pytest.raises(ValidationFailed) as refused:
        custom_values_clean("test_widget", {"extra": bad})
    assert list(refused.value.field_errors) == ["custom.extra"]


def test_plat_7_choice_needs_a_known_lookup(admin_user: User, api_client_for) -> None:
    client = api_client_for(admin_user)
    base = {"record_type": "test_widget", "name": "kind", "label": "Kind", "field_type": "choice"}
    missing = client.post(URL, base, content_type="application/json")
    assert missing.json()["errors"][0]["field"] == "lookup_type"
    unknown = client.post(URL, {**base, "lookup_type": "NOPE"}, content_type="application/json")
    assert unknown.status_code == 422
    assert unknown.json()["errors"][0]["field"] == "lookup_type"


def test_plat_7_custom_values_can_be_searched(admin_user: User, api_client_for) -> None:
    _define(api_client_for(admin_user), "test_widget", "size", "number")
    for name, size in [("small", 1), ("big", 10), ("bigger", 10)]:
        record_create(
            actor=as_actor(admin_user),
            instance=Widget(
                name=name,
                owner=admin_user,
                custom=custom_values_clean("test_widget", {"size": str(size)}),
            ),
        )
    found = custom_filter(Widget.objects.all(), "test_widget", {"size": "10"})
    assert sorted(w.name for w in found) == ["big", "bigger"]
    with pytest.raises(ValidationFailed):
        custom_filter(Widget.objects.all(), "test_widget", {"colour": "red"})


def test_plat_7_key_and_type_cannot_change(admin_user: User, api_client_for) -> None:
    client = api_client_for(admin_user)
    field = _define(client, "test_widget", "size", "number")
    refused = client.patch(
        f"{URL}/{field['id']}",
        {"version": field["version"], "field_type": "text"},
        content_type="application/json",
    )
    assert refused.status_code == 422
    relabelled = client.patch(
        f"{URL}/{field['id']}",
        {"version": field["version"], "label": "Size (cm)", "required": True},
        content_type="application/json",
    )
    assert relabelled.json()["label"] == "Size (cm)"
    assert client.delete(f"{URL}/{field['id']}").status_code == 204
    assert client.get(URL).json()["count"] == 0


def test_plat_7_defining_fields_needs_the_privilege(salesperson: User, api_client_for) -> None:
    response = api_client_for(salesperson).post(
        URL,
        {"record_type": "test_widget", "name": "size", "label": "S", "field_type": "number"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert response.json()["privilege"] == "manage_custom_fields"


def test_plat_7_unknown_record_type_is_a_field_error(admin_user: User, api_client_for) -> None:
    response = api_client_for(admin_user).get(URL, {"record_type": "nope"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "record_type"
