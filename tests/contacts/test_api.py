"""Contact rules through the API (CON-1..CON-12, CUS-10)."""

import io
from collections.abc import Callable
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from PIL import Image

from openprm.contacts.models import ContactPoint, Person, Relationship, SavedSearch
from openprm.contacts.services import contact_point_add, favorite_set
from openprm.identity.catalog import SALESPERSON
from openprm.identity.models import User
from openprm.teams.models import AccessLevel, AccountTeamMember
from tests.contacts.helpers import make_account, make_contact
from tests.factories import as_actor, make_user

API = "/api/v1"
ClientFor = Callable[[User], Client]


def json_of(client: Client, method: str, path: str, body: Any = None) -> Any:
    response = getattr(client, method)(API + path, data=body, content_type="application/json")
    return response


def test_con_2_api_answers_409_with_candidates_unless_confirmed(
    salesperson: User, api_client_for: ClientFor
) -> None:
    """CON-2: api answers 409 with candidates unless confirmed."""
    client = api_client_for(salesperson)
    first = json_of(client, "post", "/contacts", {"last_name": "Doe", "email": "j@doe.org"})
    assert first.status_code == 201
    duplicate = json_of(client, "post", "/contacts", {"last_name": "Roe", "email": "J@doe.org"})
    assert duplicate.status_code == 409
    problem = duplicate.json()
    assert problem["code"] == "duplicate_contacts"
    assert problem["candidates"][0]["id"] == first.json()["id"]
    confirmed = json_of(
        client,
        "post",
        "/contacts",
        {"last_name": "Roe", "email": "J@doe.org", "confirm_duplicates": True},
    )
    assert confirmed.status_code == 201


def test_api_inputs_forbid_unknown_fields(salesperson: User, api_client_for: ClientFor) -> None:
    client = api_client_for(salesperson)
    response = json_of(client, "post", "/contacts", {"last_name": "X", "owner_id": 1})
    assert response.status_code == 422


def test_con_8_all_contacts_needs_a_two_character_term(
    salesperson: User, api_client_for: ClientFor
) -> None:
    """CON-8: all contacts needs a two character term."""
    acme = make_account(salesperson, "Acme")
    related = make_contact(salesperson, "Garcia", acme)
    make_contact(salesperson, "Garner")
    client = api_client_for(salesperson)
    assert client.get(f"{API}/contacts?q=").status_code == 422
    assert client.get(f"{API}/contacts?q=g").json()["code"] == "search_term_required"
    found = client.get(f"{API}/contacts?q=gar").json()
    assert [c["id"] for c in found["items"]] == [related.pk]
    assert found["items"][0]["customers"] == ["Acme"]


def test_con_7_predefined_saved_searches_via_api(
    salesperson: User, api_client_for: ClientFor
) -> None:
    """CON-7: predefined saved searches via api."""
    mine = make_account(salesperson, "Mine", sales=True)
    prospect = make_account(salesperson, "Prospect", sales=False, account_type="prospect")
    sales_contact = make_contact(salesperson, "Sales", mine)
    business_contact = make_contact(salesperson, "Business", prospect)
    favorite = make_contact(salesperson, "Favorite")
    favorite_set(actor=as_actor(salesperson), person=favorite, favorite=True)
    client = api_client_for(salesperson)
    searches = {s["code"]: s for s in client.get(f"{API}/saved-searches").json()}
    assert set(searches) == {"my_contacts", "my_favorites", "my_team_territory", "my_business"}

    def ids(code: str) -> set[int]:
        response = client.get(f"{API}/contacts?saved_search={searches[code]['id']}")
        return {c["id"] for c in response.json()["items"]}

    assert ids("my_contacts") == {sales_contact.pk}
    assert ids("my_business") == {sales_contact.pk, business_contact.pk}
    assert ids("my_favorites") == {favorite.pk}
    assert ids("my_team_territory") == set()
    predefined = searches["my_contacts"]
    patched = json_of(
        client, "patch", f"/saved-searches/{predefined['id']}", {"version": 1, "name": "Mine"}
    )
    assert patched.status_code == 403
    assert "predefined" in patched.json()["detail"]
    assert client.delete(f"{API}/saved-searches/{predefined['id']}").status_code == 403
    assert SavedSearch.objects.filter(code="my_contacts", name="My Contacts").exists()


def test_con_7_user_saved_search_with_custom_field(
    admin_user: User, salesperson: User, api_client_for: ClientFor
) -> None:
    """CON-7: user saved search with custom field."""
    from openprm.core.customfields.services import custom_field_create

    custom_field_create(
        actor=as_actor(admin_user),
        record_type="contact",
        name="hobby",
        label="Hobby",
        field_type="text",
    )
    acme = make_account(salesperson, "Acme")
    golfer = make_contact(salesperson, "Golfer", acme, custom={"hobby": "golf"})
    make_contact(salesperson, "Reader", acme, custom={"hobby": "books"})
    client = api_client_for(salesperson)
    created = json_of(
        client,
        "post",
        "/saved-searches",
        {"name": "Golfers", "criteria": {"account": acme.pk, "custom.hobby": "golf"}},
    )
    assert created.status_code == 201
    listed = client.get(f"{API}/contacts?saved_search={created.json()['id']}").json()
    assert [c["id"] for c in listed["items"]] == [golfer.pk]
    other = api_client_for(make_user(SALESPERSON, username="nosy"))
    assert other.get(f"{API}/saved-searches/{created.json()['id']}").status_code == 404
    bad = json_of(client, "post", "/saved-searches", {"name": "Bad", "criteria": {"x": 1}})
    assert bad.status_code == 422


def test_con_3_primary_contact_set_from_the_account(
    salesperson: User, api_client_for: ClientFor
) -> None:
    """CON-3: primary contact set from the account."""
    acme = make_account(salesperson, "Acme")
    a, b = make_contact(salesperson, "Alpha", acme), make_contact(salesperson, "Beta", acme)
    client = api_client_for(salesperson)
    for person in (a, b):
        response = json_of(
            client, "put", f"/accounts/{acme.pk}/primary-contact", {"person_id": person.pk}
        )
        assert response.status_code == 200
    listed = client.get(f"{API}/accounts/{acme.pk}/contacts").json()["items"]
    assert [(r["contact"]["id"], r["is_primary_contact"]) for r in listed] == [
        (b.pk, True),
        (a.pk, False),
    ]


def test_con_4_contact_points_and_relationship_primary(
    salesperson: User, api_client_for: ClientFor
) -> None:
    """CON-4: contact points and relationship primary."""
    acme1, acme2 = make_account(salesperson, "Acme 1"), make_account(salesperson, "Acme 2")
    person = make_contact(salesperson, "Both", acme1, acme2)
    other = make_contact(salesperson, "Other")
    client = api_client_for(salesperson)
    path = f"/contacts/{person.pk}/contact-points"
    work = json_of(client, "post", path, {"kind": "phone", "phone": "415 555 0101"}).json()
    mobile = json_of(
        client, "post", path, {"kind": "phone", "phone": "+1 415 555 0102", "purpose": "mobile"}
    ).json()
    assert (work["is_primary"], work["phone"], mobile["is_primary"]) == (
        True,
        "+14155550101",
        False,
    )
    relationships = {
        r["account_name"]: r for r in client.get(f"{API}/contacts/{person.pk}/relationships").json()
    }
    for name, point in (("Acme 1", work), ("Acme 2", mobile)):
        response = json_of(
            client,
            "put",
            f"/relationships/{relationships[name]['id']}/primary-points",
            {"contact_point_id": point["id"]},
        )
        assert response.json()["primary_points"] == {"phone": point["id"]}
    foreign = contact_point_add(
        actor=as_actor(salesperson), person=other, kind="email", email="o@x.org"
    )
    refused = json_of(
        client,
        "put",
        f"/relationships/{relationships['Acme 1']['id']}/primary-points",
        {"contact_point_id": foreign.pk},
    )
    assert refused.status_code == 422
    promoted = json_of(
        client, "patch", f"/contact-points/{mobile['id']}", {"version": 1, "is_primary": True}
    )
    assert promoted.json()["is_primary"] is True


def test_con_9_con_10_preferences_via_api(
    salesperson: User, sales_admin: User, api_client_for: ClientFor
) -> None:
    """CON-9, CON-10: preferences via api."""
    person = make_contact(salesperson, "Pref")
    phone = contact_point_add(
        actor=as_actor(salesperson), person=person, kind="phone", phone="+14155550111"
    )
    client = api_client_for(salesperson)
    path = f"/contact-points/{phone.pk}/preferences"
    legal = json_of(client, "post", path, {"preference": "do_not", "reason_code": "DNC_REGISTRY"})
    assert legal.status_code == 403
    unknown = json_of(client, "post", path, {"preference": "do_not", "reason_code": "WHIM"})
    assert unknown.status_code == 422
    ok = json_of(client, "post", path, {"preference": "do_not", "reason_code": "CUSTOMER_REQUEST"})
    assert ok.status_code == 201
    assert ok.json()["start_date"]
    point = client.get(f"{API}/contact-points/{phone.pk}").json()
    assert point["do_not_contact"] is True
    admin = api_client_for(sales_admin)
    allowed = json_of(admin, "post", path, {"preference": "do_not", "reason_code": "DNC_REGISTRY"})
    assert allowed.status_code == 201


def test_con_11_delete_via_api(
    salesperson: User, sales_admin: User, api_client_for: ClientFor
) -> None:
    """CON-11: delete via api; a View Only member is refused, naming the customer."""
    acme = make_account(sales_admin, "Acme Corp")
    person = make_contact(sales_admin, "Shared", acme)
    AccountTeamMember.objects.create(account=acme, user=salesperson, access_level=AccessLevel.VIEW)
    refused = api_client_for(salesperson).delete(f"{API}/contacts/{person.pk}")
    assert refused.status_code == 403
    assert refused.json()["detail"] == (
        "You do not have permission to delete this contact because the contact is "
        "associated to customer Acme Corp"
    )
    admin = api_client_for(sales_admin)
    assert admin.delete(f"{API}/contacts/{person.pk}").status_code == 204
    assert admin.get(f"{API}/contacts/{person.pk}").status_code == 404
    assert admin.get(f"{API}/contacts?q=shared").json()["count"] == 0
    assert not Relationship.objects.filter(person_id=person.pk).exists()


def test_con_6_favorite_via_api(salesperson: User, api_client_for: ClientFor) -> None:
    """CON-6: favorite via api."""
    person = make_contact(salesperson, "Fav")
    client = api_client_for(salesperson)
    assert client.put(f"{API}/contacts/{person.pk}/favorite").json() == {"favorite": True}
    assert person.favorites.filter(user=salesperson).exists()
    assert client.delete(f"{API}/contacts/{person.pk}/favorite").json() == {"favorite": False}


def test_con_5_picture_upload_and_access_checked_download(
    salesperson: User, api_client_for: ClientFor, settings: Any, tmp_path: Any
) -> None:
    """CON-5: picture upload and access checked download."""
    settings.MEDIA_ROOT = tmp_path
    person = make_contact(salesperson, "Pic")
    client = api_client_for(salesperson)
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4)).save(buffer, format="JPEG")
    upload = SimpleUploadedFile("p.jpg", buffer.getvalue(), content_type="image/jpeg")
    response = client.post(f"{API}/contacts/{person.pk}/picture", {"picture": upload})
    assert response.status_code == 200
    assert response.json()["has_picture"] is True
    assert client.get(f"{API}/contacts/{person.pk}/picture").status_code == 200
    stranger = api_client_for(make_user(SALESPERSON, username="stranger"))
    assert stranger.get(f"{API}/contacts/{person.pk}/picture").status_code == 404
    text = SimpleUploadedFile("p.png", b"<svg/>", content_type="image/png")
    assert client.post(f"{API}/contacts/{person.pk}/picture", {"picture": text}).status_code == 422


def test_con_12_relationships_via_api(salesperson: User, api_client_for: ClientFor) -> None:
    """CON-12: relationships via api."""
    acme = make_account(salesperson, "Acme")
    boss, assistant = make_contact(salesperson, "Boss"), make_contact(salesperson, "Assistant")
    client = api_client_for(salesperson)
    path = f"/contacts/{assistant.pk}/relationships"
    to_person = json_of(
        client, "post", path, {"related_person_id": boss.pk, "relationship_type": "assistant"}
    )
    to_account = json_of(client, "post", path, {"account_id": acme.pk, "job_title": "Buyer"})
    assert (to_person.status_code, to_account.status_code) == (201, 201)
    listed = client.get(API + path).json()
    assert {(r["account_name"], r["related_person_name"]) for r in listed} == {
        (None, "Boss"),
        ("Acme", None),
    }
    rid = to_account.json()["id"]
    stale = json_of(client, "patch", f"/relationships/{rid}", {"version": 9, "job_title": "X"})
    assert stale.status_code == 409
    assert client.delete(f"{API}/relationships/{rid}").status_code == 204


def test_cus_10_household_delete_via_api(salesperson: User, api_client_for: ClientFor) -> None:
    """CUS-10: household delete via api."""
    a, b = make_contact(salesperson, "Smith", kind="b2c"), make_contact(salesperson, "Smyth")
    client = api_client_for(salesperson)
    created = json_of(client, "post", "/households", {"name": "Smiths", "member_ids": [a.pk, b.pk]})
    assert created.status_code == 201
    assert len(created.json()["members"]) == 2
    assert client.delete(f"{API}/households/{created.json()['id']}").status_code == 204
    assert Person.objects.filter(pk__in=[a.pk, b.pk]).count() == 2


def test_contact_list_query_count_is_constant(
    salesperson: User, api_client_for: ClientFor, django_assert_max_num_queries: Any
) -> None:
    acme = make_account(salesperson, "Acme")
    for i in range(30):
        person = make_contact(salesperson, f"Many{i}", acme, email=f"m{i}@x.org")
        favorite_set(actor=as_actor(salesperson), person=person, favorite=i % 2 == 0)
    client = api_client_for(salesperson)
    # token, custom fields, hierarchy, count, one per name arm, page, customers
    with django_assert_max_num_queries(9):
        response = client.get(f"{API}/contacts?q=many&page_size=50")
    assert response.json()["count"] == 30
    assert ContactPoint.objects.count() == 30
