"""PLAT-4 lookups through the API."""

import pytest

from openprm.contacts.catalog import LEGAL_TAG, REASON_CODE
from openprm.core.lookups.models import LookupValue
from openprm.identity.models import User

pytestmark = pytest.mark.django_db


def test_plat_4_reason_codes_carry_the_legal_tag(salesperson: User, api_client_for) -> None:
    body = api_client_for(salesperson).get(f"/api/v1/lookups/{REASON_CODE}").json()
    values = {v["code"]: v for v in body["values"]}
    assert values["DNC_REGISTRY"]["tags"] == [LEGAL_TAG]
    assert values["DNC_REGISTRY"]["meaning"] == "Do Not Call Registry opt-out"
    assert values["CUSTOMER_REQUEST"]["tags"] == []
    positions = [v["position"] for v in body["values"]]
    assert positions == sorted(positions)


def test_plat_4_admin_maintains_a_lookup(admin_user: User, api_client_for) -> None:
    client = api_client_for(admin_user)
    created = client.post(
        "/api/v1/lookups", {"code": "channel", "name": "Channel"}, content_type="application/json"
    )
    assert created.status_code == 201, created.content
    assert created.json()["code"] == "CHANNEL"
    value = client.post(
        "/api/v1/lookups/CHANNEL/values",
        {"code": "web", "meaning": "Web", "tags": ["digital", " Digital "]},
        content_type="application/json",
    ).json()
    assert value["tags"] == ["DIGITAL"]
    edited = client.patch(
        f"/api/v1/lookup-values/{value['id']}",
        {"version": value["version"], "meaning": "Website", "active": False},
        content_type="application/json",
    )
    assert edited.json()["meaning"] == "Website"
    assert edited.json()["active"] is False
    assert client.delete(f"/api/v1/lookup-values/{value['id']}").status_code == 204
    assert client.get("/api/v1/lookups/CHANNEL").json()["values"] == []


def test_plat_4_duplicate_codes_are_refused(admin_user: User, api_client_for) -> None:
    response = api_client_for(admin_user).post(
        f"/api/v1/lookups/{REASON_CODE}/values",
        {"code": "BOUNCED", "meaning": "Again"},
        content_type="application/json",
    )
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "code"


def test_plat_4_lookups_need_the_privilege_to_change(salesperson: User, api_client_for) -> None:
    client = api_client_for(salesperson)
    value = LookupValue.objects.get(lookup_type__code=REASON_CODE, code="BOUNCED")
    assert client.delete(f"/api/v1/lookup-values/{value.pk}").status_code == 403
    assert (
        client.post(
            "/api/v1/lookups", {"code": "X", "name": "X"}, content_type="application/json"
        ).json()["privilege"]
        == "manage_lookups"
    )


def test_plat_4_unknown_lookup_is_404(salesperson: User, api_client_for) -> None:
    assert api_client_for(salesperson).get("/api/v1/lookups/NOPE").status_code == 404


def test_lookup_list_is_paginated(salesperson: User, api_client_for) -> None:
    page = api_client_for(salesperson).get("/api/v1/lookups", {"page_size": 1}).json()
    assert page["count"] >= 3
    assert len(page["items"]) == 1


def test_plat_4_values_of_system_lookups_are_deactivated_not_deleted(
    admin_user: User, api_client_for
) -> None:
    """409: rules rely on REASON_CODE, so its values stay readable."""
    value = LookupValue.objects.get(lookup_type__code=REASON_CODE, code="BOUNCED")
    response = api_client_for(admin_user).delete(f"/api/v1/lookup-values/{value.pk}")
    assert response.status_code == 409
    assert response.json()["code"] == "lookup_value_system"
    assert LookupValue.objects.filter(pk=value.pk).exists()
