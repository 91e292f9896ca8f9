"""Contact pages (HTML) on the same services (CON-2..CON-9, CUS-10)."""

from collections.abc import Callable
from typing import Any

from django.test import Client

from openprm.contacts.models import Household, Person, Relationship, SavedSearch
from openprm.contacts.services import contact_point_add, favorite_set, preference_add
from openprm.identity.models import User
from openprm.teams.models import AccessLevel, AccountTeamMember
from tests.contacts.helpers import make_account, make_contact
from tests.factories import as_actor

ClientFor = Callable[[User], Client]


def test_con_7_list_opens_my_contacts_and_con_8_all_contacts_needs_a_term(
    salesperson: User, client_for: ClientFor
) -> None:
    """CON-7: list opens my contacts and con 8 all contacts needs a term."""
    mine = make_account(salesperson, "Mine")
    make_contact(salesperson, "Owned", mine)
    client = client_for(salesperson)
    page = client.get("/contacts/").content.decode()
    assert "My Contacts" in page
    assert "Owned" in page
    all_contacts = client.get("/contacts/?saved_search=&q=o").content.decode()
    assert "two characters" in all_contacts
    found = client.get("/contacts/?saved_search=&q=ow").content.decode()
    assert "Owned" in found


def test_list_query_count_and_export(
    salesperson: User, client_for: ClientFor, django_assert_max_num_queries: Any
) -> None:
    acme = make_account(salesperson, "Acme")
    for i in range(25):
        make_contact(salesperson, f"=Row{i}", acme, email=f"r{i}@x.org")
    client = client_for(salesperson)
    with django_assert_max_num_queries(14):
        response = client.get("/contacts/")
    assert response.content.decode().count('data-testid="favorite-star"') == 25
    export = client.get("/contacts/?export=csv")
    body = b"".join(export.streaming_content).decode()
    assert "'=Row0" in body
    assert "r0@x.org" in body


def test_con_2_create_shows_candidates_then_create_anyway(
    salesperson: User, client_for: ClientFor
) -> None:
    """CON-2: create shows candidates then create anyway."""
    existing = make_contact(salesperson, "Doe", email="jane@doe.org")
    client = client_for(salesperson)
    form = {"last_name": "Doe", "first_name": "Jane", "kind": "b2b", "email": "JANE@doe.org"}
    page = client.post("/contacts/new/", form).content.decode()
    assert 'data-testid="duplicate-candidates"' in page
    assert f"/contacts/{existing.pk}/" in page
    assert "Use this one" in page
    created = client.post("/contacts/new/", {**form, "confirm_duplicates": "on"})
    assert created.status_code == 302
    assert Person.objects.filter(last_name="Doe").count() == 2


def test_create_shows_field_errors(salesperson: User, client_for: ClientFor) -> None:
    page = client_for(salesperson).post(
        "/contacts/new/", {"last_name": "X", "kind": "b2b", "phone": "12"}
    )
    assert "valid phone number" in page.content.decode()


def test_con_9_detail_shows_do_not_contact_and_disables_the_call(
    salesperson: User, client_for: ClientFor
) -> None:
    """CON-9: detail shows do not contact and disables the call."""
    person = make_contact(salesperson, "Quiet")
    blocked = contact_point_add(
        actor=as_actor(salesperson), person=person, kind="phone", phone="+14155550120"
    )
    contact_point_add(
        actor=as_actor(salesperson), person=person, kind="phone", phone="+14155550121"
    )
    preference_add(
        actor=as_actor(salesperson),
        point=blocked,
        preference="do_not",
        reason_code="CUSTOMER_REQUEST",
    )
    page = client_for(salesperson).get(f"/contacts/{person.pk}/").content.decode()
    assert page.count('data-testid="do-not-contact"') == 1
    assert page.count('data-testid="call-disabled"') == 1
    assert 'href="tel:+14155550121"' in page
    assert 'href="tel:+14155550120"' not in page


def test_con_6_favorite_star_toggles_with_htmx(salesperson: User, client_for: ClientFor) -> None:
    """CON-6: favorite star toggles with htmx."""
    person = make_contact(salesperson, "Star")
    client = client_for(salesperson)
    response = client.post(
        f"/contacts/{person.pk}/favorite/", {"favorite": "1"}, headers={"HX-Request": "true"}
    )
    assert response.status_code == 200
    assert 'aria-pressed="true"' in response.content.decode()
    assert person.favorites.filter(user=salesperson).exists()


def test_con_3_account_contacts_page_sets_the_primary(
    salesperson: User, client_for: ClientFor
) -> None:
    """CON-3: account contacts page sets the primary."""
    acme = make_account(salesperson, "Acme")
    person = make_contact(salesperson, "Prime", acme)
    client = client_for(salesperson)
    client.post(f"/contacts/accounts/{acme.pk}/", {"person": person.pk})
    assert Relationship.objects.get(account=acme).is_primary_contact
    page = client.get(f"/contacts/accounts/{acme.pk}/").content.decode()
    assert 'data-testid="primary-contact"' in page


def test_con_11_refused_delete_shows_the_message(
    salesperson: User, sales_admin: User, client_for: ClientFor
) -> None:
    """CON-11: refused delete shows the message to a View Only member."""
    acme = make_account(sales_admin, "Acme Corp")
    person = make_contact(sales_admin, "Kept", acme)
    AccountTeamMember.objects.create(account=acme, user=salesperson, access_level=AccessLevel.VIEW)
    client = client_for(salesperson)
    response = client.post(f"/contacts/{person.pk}/delete/", follow=True)
    assert "associated to customer Acme Corp" in response.content.decode()
    assert Person.objects.filter(pk=person.pk).exists()


def test_team_5_invisible_contact_is_404(salesperson: User, sales_admin: User, client_for) -> None:
    """TEAM-5: invisible contact is 404."""
    hidden = make_contact(sales_admin, "Hidden", make_account(sales_admin, "Theirs"))
    assert client_for(salesperson).get(f"/contacts/{hidden.pk}/").status_code == 404
    favorite_set(actor=as_actor(sales_admin), person=hidden, favorite=True)


def test_cus_10_household_pages(salesperson: User, client_for: ClientFor) -> None:
    """CUS-10: household pages."""
    member = make_contact(salesperson, "Member", kind="b2c")
    client = client_for(salesperson)
    created = client.post("/contacts/households/", {"name": "Family"})
    household = Household.objects.get()
    assert created.status_code == 302
    client.post(f"/contacts/households/{household.pk}/", {"person": member.pk})
    assert member.household_memberships.count() == 1
    client.post(f"/contacts/households/{household.pk}/delete/")
    assert not Household.objects.exists()
    assert Person.objects.filter(pk=member.pk).exists()


def test_con_3_the_primary_contact_comes_first_on_the_page_in_the_file_and_the_api(
    salesperson: User, client_for: ClientFor, api_client_for: ClientFor
) -> None:
    """CON-3: the customer's contacts list its primary contact first, then
    the others by last name, on the page, in its CSV and in the API; asked
    the other way round, the primary contact comes last."""
    acme = make_account(salesperson, "Acme")
    adams = make_contact(salesperson, "Adams", acme)
    young = make_contact(salesperson, "Young", acme)
    baker = make_contact(salesperson, "Baker", acme)
    client = client_for(salesperson)
    client.post(f"/contacts/accounts/{acme.pk}/", {"person": young.pk})
    page = client.get(f"/contacts/accounts/{acme.pk}/").content.decode()
    assert page.index("Young") < page.index("Adams") < page.index("Baker")
    export = client.get(f"/contacts/accounts/{acme.pk}/?export=csv")
    lines = b"".join(export.streaming_content).decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "First name,Last name,Relationship,Job title,E-mail,Phone,Key contact,Primary contact"
    )
    assert [line.split(",")[1] for line in lines[1:]] == ["Young", "Adams", "Baker"]
    api = api_client_for(salesperson)
    items = api.get(f"/api/v1/accounts/{acme.pk}/contacts").json()["items"]
    assert [item["contact"]["id"] for item in items] == [young.pk, adams.pk, baker.pk]
    reverse_order = api.get(f"/api/v1/accounts/{acme.pk}/contacts", {"sort": "-primary"})
    ids = [item["contact"]["id"] for item in reverse_order.json()["items"]]
    assert ids == [baker.pk, adams.pk, young.pk]


def test_con_7_a_predefined_search_refuses_its_delete_with_a_message(
    salesperson: User, client_for: ClientFor
) -> None:
    """CON-7: nobody deletes a predefined saved search; the list says why."""
    mine = SavedSearch.objects.get(code="my_contacts")
    response = client_for(salesperson).post(
        f"/contacts/saved-searches/{mine.pk}/delete/", follow=True
    )
    assert response.redirect_chain == [("/contacts/", 302)]
    assert "predefined saved search" in response.content.decode()
    assert SavedSearch.objects.filter(pk=mine.pk).exists()
