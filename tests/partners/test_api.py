"""API tests of PA-1..PA-6 and PC-1..PC-6 through /api/v1."""

import json
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from openprm.contacts.models import Person
from openprm.contacts.services import contact_create
from openprm.core.customfields.services import custom_field_create
from openprm.core.options.models import ProfileOption
from openprm.customers.models import Account
from openprm.identity import catalog
from openprm.identity.models import User
from openprm.partners.models import PartnerContact, PartnerProfile
from tests.factories import as_actor
from tests.partners.conftest import role_id

pytestmark = pytest.mark.django_db

JSON = "application/json"


def post(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.post(path, data=json.dumps(body), content_type=JSON)


def patch(client: Client, path: str, body: dict[str, Any]) -> Any:
    return client.patch(path, data=json.dumps(body), content_type=JSON)


@pytest.fixture
def cam(api_client_for: Callable[[User], Client], channel_manager: User) -> Client:
    return api_client_for(channel_manager)


def _create(cam: Client, name: str = "Northwind", **extra: Any) -> dict[str, Any]:
    body = {"name": name, "primary_contact": {"first_name": "Pat", "last_name": "Boss"}, **extra}
    response = post(cam, "/api/v1/partners", body)
    assert response.status_code == 201, response.content
    return response.json()


def test_pa_1_pa_2_create_sets_partner_type_and_managed(cam: Client) -> None:
    """PA-1, PA-2: create sets partner type and managed."""
    partner = _create(cam)
    assert partner["account_type"] == "partner"
    assert partner["managed_partner"] is True
    assert partner["status"] == "active"
    account = cam.get(f"/api/v1/accounts/{partner['account_id']}")
    assert account.status_code == 200
    listed = cam.get("/api/v1/partners").json()
    assert [p["name"] for p in listed["items"]] == ["Northwind"]


def test_pa_2_partner_api_has_no_type_field(cam: Client) -> None:
    """PA-2: partner api has no type field."""
    response = post(
        cam,
        "/api/v1/partners",
        {"name": "X", "account_type": "customer", "primary_contact": {"last_name": "B"}},
    )
    assert response.status_code == 422


def test_pa_2_account_screens_need_type_and_managed_flag(cam: Client) -> None:
    """PA-2: account screens need type and managed flag."""
    account = post(cam, "/api/v1/accounts", {"name": "Typed", "account_type": "partner"}).json()
    assert cam.get("/api/v1/partners").json()["count"] == 0
    response = cam.put(
        f"/api/v1/accounts/{account['id']}/managed-partner",
        data=json.dumps({"managed_partner": True}),
        content_type=JSON,
    )
    assert response.status_code == 200
    assert cam.get("/api/v1/partners").json()["count"] == 1


def test_pa_3_type_change_refused_while_active(cam: Client) -> None:
    """PA-3: type change refused while active."""
    partner = _create(cam)
    account = cam.get(f"/api/v1/accounts/{partner['account_id']}").json()
    response = patch(
        cam,
        f"/api/v1/accounts/{account['id']}",
        {"version": account["version"], "account_type": "customer"},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "partner_active_type_change"


def test_pa_4_inactivate_then_delete_through_accounts(
    cam: Client, api_client_for: Callable[[User], Client], sales_admin: User
) -> None:
    """PA-4: inactivate then delete through accounts."""
    partner = _create(cam)
    admin = api_client_for(sales_admin)
    refused = admin.delete(f"/api/v1/accounts/{partner['account_id']}")
    assert refused.status_code == 409
    assert refused.json()["code"] == "partner_active_cannot_delete"
    inactive = post(
        cam, f"/api/v1/partners/{partner['id']}/inactivate", {"version": partner["version"]}
    )
    assert inactive.json()["status"] == "inactive"
    assert admin.delete(f"/api/v1/accounts/{partner['account_id']}").status_code == 204
    assert cam.get(f"/api/v1/partners/{partner['id']}").status_code == 404


def test_pa_5_hierarchy(cam: Client) -> None:
    """PA-5: hierarchy."""
    parent = _create(cam, "Northwind")
    child = _create(cam, "Northwind East", parent_id=parent["account_id"])
    tree = cam.get(f"/api/v1/partners/{child['id']}/hierarchy").json()
    assert [(n["name"], n["depth"], n["is_partner"]) for n in tree["nodes"]] == [
        ("Northwind", 0, True),
        ("Northwind East", 1, True),
    ]


def test_pa_6_primary_contact_required_unless_option_no(cam: Client, admin_user: User) -> None:
    """PA-6: primary contact required unless option no."""
    refused = post(cam, "/api/v1/partners", {"name": "Solo"})
    assert refused.status_code == 422
    assert refused.json()["code"] == "primary_contact_required"
    ProfileOption.objects.filter(code="ZPM_PARTNER_CONTACT_MANDATORY").update(value="No")
    created = post(cam, "/api/v1/partners", {"name": "Solo"})
    assert created.status_code == 201
    later = post(
        cam,
        f"/api/v1/partners/{created.json()['id']}/contacts",
        {"last_name": "L", "primary": True},
    )
    assert later.status_code == 201
    assert later.json()["is_primary"] is True


def test_pa_6_primary_is_partner_administrator_and_role_changes(cam: Client) -> None:
    """PA-6: primary is partner administrator and role changes."""
    partner = _create(cam)
    contacts = cam.get(f"/api/v1/partners/{partner['id']}/contacts").json()["items"]
    primary = contacts[0]
    assert primary["role_name"] == "Partner Administrator"
    changed = patch(
        cam,
        f"/api/v1/partner-contacts/{primary['id']}",
        {"version": primary["version"], "role_id": role_id(catalog.PARTNER_SALES_REPRESENTATIVE)},
    )
    assert changed.json()["role_name"] == "Partner Sales Representative"


def test_pc_1_person_works_for_one_partner(cam: Client) -> None:
    """PC-1: person works for one partner."""
    northwind, contoso = _create(cam, "Northwind"), _create(cam, "Contoso")
    person_id = cam.get(f"/api/v1/partners/{northwind['id']}/contacts").json()["items"][0][
        "person_id"
    ]
    response = post(
        cam, f"/api/v1/partners/{contoso['id']}/contacts/existing", {"person_id": person_id}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "partner_contact_exists"


def test_pc_2_pc_5_promotions_invitation_and_delete(cam: Client) -> None:
    """PC-2, PC-5: promotions invitation and delete."""
    partner = _create(cam)
    contact = post(
        cam,
        f"/api/v1/partners/{partner['id']}/contacts",
        {"first_name": "Rita", "last_name": "Rep", "email": "rita@nw.example"},
    ).json()
    resource = post(
        cam,
        f"/api/v1/partner-contacts/{contact['id']}/promote-to-resource",
        {"version": contact["version"], "role_id": role_id(catalog.PARTNER_SALES_REPRESENTATIVE)},
    ).json()
    assert resource["level"] == "resource"
    assert resource["resource_id"] is not None
    user = post(
        cam,
        f"/api/v1/partner-contacts/{contact['id']}/promote-to-user",
        {"version": resource["version"], "username": "rita", "email": "rita@nw.example"},
    ).json()
    assert user["level"] == "user"
    assert user["username"] == "rita"
    assert "/portal/invitation/" in mail.outbox[0].body
    portal = Client()
    portal.force_login(User.objects.get(username="rita"))
    assert portal.get("/api/v1/portal/me").status_code == 200
    assert cam.delete(f"/api/v1/partner-contacts/{contact['id']}").status_code == 204
    assert User.objects.get(username="rita").is_active is False
    assert portal.get("/api/v1/portal/me").status_code == 401


def test_pc_3_promotion_refused_while_inactive(cam: Client) -> None:
    """PC-3: promotion refused while inactive."""
    partner = _create(cam)
    post(cam, f"/api/v1/partners/{partner['id']}/inactivate", {"version": partner["version"]})
    contact = cam.get(f"/api/v1/partners/{partner['id']}/contacts").json()["items"][0]
    response = post(
        cam,
        f"/api/v1/partner-contacts/{contact['id']}/promote-to-resource",
        {"version": contact["version"], "role_id": role_id(catalog.PARTNER_ADMINISTRATOR)},
    )
    assert response.status_code == 409
    assert response.json()["code"] == "partner_inactive"


def test_pc_4_existing_account_contact_added_without_second_person(
    cam: Client, channel_manager: User
) -> None:
    """PC-4: existing account contact added without second person."""
    partner = _create(cam)
    customer = post(cam, "/api/v1/accounts", {"name": "Cust", "account_type": "customer"}).json()
    person = contact_create(
        actor=as_actor(channel_manager), last_name="Shared", account_ids=[customer["id"]]
    )
    before = Person.objects.count()
    response = post(
        cam, f"/api/v1/partners/{partner['id']}/contacts/existing", {"person_id": person.pk}
    )
    assert response.status_code == 201, response.content
    assert response.json()["person_id"] == person.pk
    assert Person.objects.count() == before


def test_pc_6_favorites(cam: Client) -> None:
    """PC-6: favorites."""
    partner = _create(cam)
    contact = cam.get(f"/api/v1/partners/{partner['id']}/contacts").json()["items"][0]
    response = cam.put(
        f"/api/v1/partner-contacts/{contact['id']}/favorite",
        data=json.dumps({"favorite": True}),
        content_type=JSON,
    )
    assert response.json() == {"favorite": True}
    favorites = cam.get("/api/v1/partner-contacts/favorites").json()
    assert [c["id"] for c in favorites["items"]] == [contact["id"]]


def test_plat_6_stale_partner_update_is_refused(cam: Client) -> None:
    """PLAT-6: stale partner update is refused."""
    partner = _create(cam)
    first = patch(cam, f"/api/v1/partners/{partner['id']}", {"version": 1, "city": "Oslo"})
    assert first.status_code == 200
    assert first.json()["city"] == "Oslo"
    stale = patch(cam, f"/api/v1/partners/{partner['id']}", {"version": 1, "city": "Rome"})
    assert stale.status_code == 409


def test_list_filter_sort_and_query_count(cam: Client, django_assert_max_num_queries: Any) -> None:
    for name in ("Bravo", "Alpha", "Charlie"):
        _create(cam, name, country="NO" if name != "Bravo" else "SE")
    with django_assert_max_num_queries(8):
        response = cam.get("/api/v1/partners?sort=-name&country=NO")
    assert [p["name"] for p in response.json()["items"]] == ["Charlie", "Alpha"]
    assert PartnerProfile.objects.count() == 3
    assert Account.objects.count() == 3
    assert PartnerContact.objects.count() == 3


def test_plat_7_partner_list_filters_on_inherited_and_own_custom_fields(
    cam: Client, admin_user: User
) -> None:
    """PLAT-7, PA-1: a partner is searched by the account's custom fields (kept
    on the account) as well as by its own partner fields."""
    custom_field_create(
        actor=as_actor(admin_user),
        record_type="account",
        name="duns",
        label="DUNS",
        field_type="text",
    )
    custom_field_create(
        actor=as_actor(admin_user),
        record_type="partner",
        name="tier",
        label="Tier",
        field_type="text",
    )
    _create(cam, "Northwind", custom={"duns": "111", "tier": "Gold"})
    _create(cam, "Contoso", custom={"duns": "222", "tier": "Silver"})

    def names(query: str) -> list[str]:
        response = cam.get(f"/api/v1/partners?{query}")
        assert response.status_code == 200, response.content
        return [p["name"] for p in response.json()["items"]]

    assert names("custom.duns=222") == ["Contoso"]
    assert names("custom.tier=Gold") == ["Northwind"]
    assert names("custom.duns=111&custom.tier=Silver") == []


def test_pa_3_status_filter_accepts_only_real_statuses(cam: Client) -> None:
    """PA-3: the status filter is an enum — a typo is a 422, not an empty list."""
    _create(cam)
    assert [p["name"] for p in cam.get("/api/v1/partners?status=active").json()["items"]] == [
        "Northwind"
    ]
    refused = cam.get("/api/v1/partners?status=actve")
    assert refused.status_code == 422
    assert refused.json()["errors"][0]["field"] == "status"


def test_team_5_partner_pages_name_only_a_parent_the_reader_sees(
    cam: Client, sales_admin: User, channel_manager: User, client_for: Any
) -> None:
    """TEAM-5/PA-5: a partner under an account the channel manager cannot
    see shows no parent, in the API, the list, the detail page and the
    export; under a partner it can see, the parent shows."""
    hidden = Account.objects.create(name="Hidden Holding", owner=sales_admin)
    under_hidden = _create(cam, "Subsidiary")
    Account.objects.filter(pk=under_hidden["account_id"]).update(parent=hidden)
    parent = _create(cam, "Visible Parent")
    under_visible = _create(cam, "Branch", parent_id=parent["account_id"])
    got = cam.get(f"/api/v1/partners/{under_hidden['id']}").json()
    assert (got["parent_id"], got["parent_name"]) == (None, "")
    got = cam.get(f"/api/v1/partners/{under_visible['id']}").json()
    assert (got["parent_id"], got["parent_name"]) == (parent["account_id"], "Visible Parent")
    web = client_for(channel_manager)
    pages = [
        web.get("/partners/").content.decode(),
        web.get(f"/partners/{under_hidden['id']}/").content.decode(),
        web.get("/partners/", {"export": "csv"}).getvalue().decode(),
    ]
    for page in pages:
        assert "Hidden Holding" not in page
    assert "Visible Parent" in pages[0]
