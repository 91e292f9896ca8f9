"""PLAT-5 audit trail and business events through the API."""

import pytest

from openprm.core.audit.models import AuditEntry
from openprm.core.audit.services import event_record
from openprm.core.options.models import ProfileOption
from openprm.core.records import record_create, record_delete, record_update
from openprm.identity.models import User
from tests.factories import as_actor, make_user
from tests.testapp.models import Widget

pytestmark = pytest.mark.django_db


def _widget(owner: User, name: str = "Gear") -> Widget:
    return record_create(actor=as_actor(owner), instance=Widget(name=name, owner=owner))


def test_plat_5_create_and_update_are_recorded_with_field_diffs(
    salesperson: User, api_client_for, django_assert_max_num_queries
) -> None:
    widget = _widget(salesperson)
    record_update(
        actor=as_actor(salesperson),
        instance=widget,
        changes={"name": "Cog", "custom": {"size": 3}},
        expected_version=1,
    )
    client = api_client_for(salesperson)
    with django_assert_max_num_queries(8):
        page = client.get("/api/v1/audit", {"object": f"testapp.widget:{widget.pk}"}).json()
    assert page["count"] == 2
    update, create = page["items"]
    assert update["action"] == "update"
    assert update["actor_name"] == "sales"
    assert update["changes"] == {"name": ["Gear", "Cog"], "custom.size": [None, 3]}
    assert create["action"] == "create"
    assert create["changes"]["name"] == [None, "Gear"]


def test_plat_5_delete_is_recorded(salesperson: User) -> None:
    widget = _widget(salesperson)
    pk = widget.pk
    record_delete(actor=as_actor(salesperson), instance=widget)
    entry = AuditEntry.objects.filter(object_id=str(pk), action="delete").get()
    assert entry.changes["name"] == ["Gear", None]
    assert entry.actor_name == "sales"


def test_plat_5_audit_of_an_invisible_record_is_404(salesperson: User, api_client_for) -> None:
    other = make_user("salesperson", username="other")
    widget = _widget(other)
    response = api_client_for(salesperson).get(
        "/api/v1/audit", {"object": f"testapp.widget:{widget.pk}"}
    )
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.parametrize(
    "reference",
    [
        "testapp.widget:999999",
        "nosuch.model:1",
        "contenttypes.contenttype:1",
        "core.auditentry:1",
        "sessions.session:abc",
    ],
)
def test_plat_5_unknown_or_unscoped_models_answer_404(
    admin_user: User, api_client_for, reference: str
) -> None:
    response = api_client_for(admin_user).get("/api/v1/audit", {"object": reference})
    assert response.status_code == 404


def test_plat_5_malformed_reference_is_422(admin_user: User, api_client_for) -> None:
    response = api_client_for(admin_user).get("/api/v1/audit", {"object": "widget-1"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "object"


def test_plat_5_platform_records_have_a_trail(admin_user: User, api_client_for) -> None:
    client = api_client_for(admin_user)
    option = client.get("/api/v1/profile-options/ZPM_PARTNER_CONTACT_MANDATORY").json()
    client.patch(
        "/api/v1/profile-options/ZPM_PARTNER_CONTACT_MANDATORY",
        {"value": "No", "version": option["version"]},
        content_type="application/json",
    )
    pk = ProfileOption.objects.get(code="ZPM_PARTNER_CONTACT_MANDATORY").pk
    items = client.get("/api/v1/audit", {"object": f"core.profileoption:{pk}"}).json()["items"]
    assert items[0]["changes"] == {"value": ["Yes", "No"]}
    assert items[0]["actor_name"] == "admin"


def test_business_events_are_listed_for_a_visible_record(salesperson: User, api_client_for) -> None:
    widget = _widget(salesperson)
    event_record(
        actor=as_actor(salesperson), instance=widget, kind="widget_polished", data={"gloss": 2}
    )
    client = api_client_for(salesperson)
    items = client.get("/api/v1/events", {"object": f"testapp.widget:{widget.pk}"}).json()["items"]
    assert items == [
        {
            "id": items[0]["id"],
            "kind": "widget_polished",
            "actor_name": "sales",
            "at": items[0]["at"],
            "data": {"gloss": 2},
        }
    ]
    other = make_user("salesperson", username="other")
    stranger = api_client_for(other)
    hidden = stranger.get("/api/v1/events", {"object": f"testapp.widget:{widget.pk}"})
    assert hidden.status_code == 404
