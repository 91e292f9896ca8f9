"""The partner pages as a channel manager uses them (PA-2..PA-6, PC-1..PC-6):
the list and its files, the tabs, the forms and the buttons."""

from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client

from openprm.contacts.services import contact_create
from openprm.core.testing.matrix import csv_cells, xlsx_cells
from openprm.customers.models import Account
from openprm.identity import catalog
from openprm.identity.models import User
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.services import partner_set_status
from tests.factories import as_actor
from tests.partners.conftest import role_id

pytestmark = pytest.mark.django_db

Make = Callable[..., PartnerProfile]


@pytest.fixture
def web(client_for: Callable[[User], Client], channel_manager: User) -> Client:
    return client_for(channel_manager)


def _messages(response: Any) -> list[str]:
    return [str(m) for m in response.context["messages"]] if response.context else []


def _follow(web: Client, path: str, data: dict[str, Any]) -> Any:
    return web.post(path, data, follow=True)


def test_pa_2_partner_list_shows_sorts_and_exports_the_same_partners(
    web: Client, make_partner: Make
) -> None:
    """PA-2, IMP-3: the list's columns, its sort, and the files' columns."""
    make_partner("Bravo", country="NO", region="Viken", city="Oslo")
    make_partner("Alpha", country="SE")
    page = web.get("/partners/?sort=-name").content.decode()
    assert page.index("Bravo") < page.index("Alpha")
    assert "Norway" in page
    assert "Viken" in page
    for header in ("Name", "Status", "Parent", "Region", "Country", "Contacts"):
        assert f">{header}<" in page
    rows = csv_cells(web.get("/partners/?export=csv&sort=name"))
    assert rows[0] == [
        "ID",
        "Name",
        "Status",
        "Parent",
        "Owner",
        "City",
        "Region",
        "Country",
        "Contacts",
        "Custom fields",
    ]
    assert [r[1:] for r in rows[1:]] == [
        ["Alpha", "Active", "", "cam", "", "", "SE", "1", ""],
        ["Bravo", "Active", "", "cam", "Oslo", "Viken", "NO", "1", ""],
    ]
    assert xlsx_cells(web.get("/partners/?export=xlsx&sort=name"))[0] == rows[0]


def test_pa_2_partner_list_filters_and_reports_what_it_cannot_use(
    web: Client, make_partner: Make
) -> None:
    """PA-2: a filter narrows the list; a bad value or unknown custom field is
    reported and the list still shows."""
    make_partner("Bravo")
    alpha = make_partner("Alpha")
    partner_set_status(actor=as_actor(alpha.account.owner), partner=alpha, status="inactive")
    shown = web.get("/partners/?status=inactive").content.decode()
    assert "Alpha" in shown
    assert "Bravo" not in shown
    invalid = web.get("/partners/?status=nonsense")
    assert "Some filter values were not valid" in invalid.content.decode()
    unknown = web.get("/partners/?custom.nothing=1")
    assert unknown.status_code == 200
    assert _messages(unknown)
    assert "Bravo" in unknown.content.decode()


def test_pa_2_pa_6_create_page_checks_duplicates_and_the_primary_contact(
    web: Client, make_partner: Make, salesperson: User, client_for: Callable[[User], Client]
) -> None:
    """PA-2, PA-6: a similar account asks for confirmation; a missing primary
    contact is named next to its field; without Manage Partners the 403 page."""
    make_partner("Northwind")
    missing = web.post("/partners/new/", {"name": "Contoso"})
    assert missing.status_code == 200
    assert "Enter the partner&#x27;s primary contact." in str(missing.context["form"].errors)
    assert missing.context["form"].errors["contact_last_name"]
    similar = web.post("/partners/new/", {"name": "Northwind", "contact_last_name": "Boss"})
    assert similar.status_code == 200
    assert similar.context["candidates"]
    assert 'data-testid="duplicate-candidates"' in similar.content.decode()
    created = _follow(
        web,
        "/partners/new/",
        {"name": "Northwind", "contact_last_name": "Boss", "confirm_duplicates": "on"},
    )
    assert "Partner “Northwind” created." in _messages(created)
    assert created.context["partner"].account.name == "Northwind"
    refused = client_for(salesperson).post(
        "/partners/new/", {"name": "Fabrikam", "contact_last_name": "Boss"}
    )
    assert refused.status_code == 403


def test_plat_6_partner_edit_saves_and_shows_a_stale_edit(web: Client, make_partner: Make) -> None:
    """PLAT-6: the edit carries the partner's version; a stale one is not
    saved and keeps the user's input."""
    partner = make_partner("Northwind")
    form = web.get(f"/partners/{partner.pk}/edit/")
    assert form.context["form"].initial["version"] == partner.version
    saved = _follow(
        web, f"/partners/{partner.pk}/edit/", {"name": "Northwind", "city": "Oslo", "version": 1}
    )
    assert "Partner saved." in _messages(saved)
    assert saved.redirect_chain[-1][0] == f"/partners/{partner.pk}/"
    stale = web.post(
        f"/partners/{partner.pk}/edit/", {"name": "Northwind", "city": "Rome", "version": 1}
    )
    assert stale.status_code == 200
    assert stale.context["stale"] is not None
    assert stale.context["form"].data["version"] == 2
    assert PartnerProfile.objects.get(pk=partner.pk).account.city == "Oslo"


def test_pa_3_pa_4_inactivate_and_activate_buttons(web: Client, make_partner: Make) -> None:
    """PA-3/PA-4: the page inactivates and activates; a stale version and an
    unchanged status are messages on the partner's page."""
    partner = make_partner("Northwind")
    done = _follow(web, f"/partners/{partner.pk}/inactivate/", {"version": partner.version})
    assert "The partner is now Inactive." in _messages(done)
    assert done.redirect_chain[-1][0] == f"/partners/{partner.pk}/"
    again = _follow(web, f"/partners/{partner.pk}/inactivate/", {"version": 2})
    assert "The partner is already Inactive." in _messages(again)
    stale = _follow(web, f"/partners/{partner.pk}/activate/", {"version": 1})
    assert "The partner changed meanwhile; review it and try again." in _messages(stale)
    assert web.get(f"/partners/{partner.pk}/activate/").status_code == 405
    assert PartnerProfile.objects.get(pk=partner.pk).status == "inactive"


def test_pa_5_detail_tabs(web: Client, make_partner: Make) -> None:
    """PA-5: every tab shows; an unknown tab shows the profile."""
    partner = make_partner("Northwind")
    for tab, text in (
        ("details", "Account number"),
        ("contacts", "Northwind Admin"),
        ("hierarchy", "(this partner)"),
        ("history", "Northwind"),
        ("nonsense", "Account number"),
    ):
        page = web.get(f"/partners/{partner.pk}/?tab={tab}")
        assert page.status_code == 200, tab
        assert text in page.content.decode(), tab


def test_pc_1_contacts_tab_lists_and_exports_the_partners_contacts(
    web: Client, make_partner: Make, make_portal_user: Callable[..., PartnerContact]
) -> None:
    """PC-1, IMP-3: the tab's rows and the file's columns."""
    partner = make_partner("Northwind")
    make_partner("Contoso")
    make_portal_user(partner, "rita")
    page = web.get(f"/partners/{partner.pk}/?tab=contacts").content.decode()
    assert 'data-testid="contact-person"' in page
    assert 'data-testid="contact-northwind-admin"' in page
    assert "Contoso" not in page
    assert "Make resource" not in page.split('data-testid="contact-person"')[1].split("</tr>")[0]
    rows = csv_cells(web.get(f"/partners/{partner.pk}/?tab=contacts&export=csv"))
    assert rows == [
        [
            "First name",
            "Last name",
            "Primary",
            "Level",
            "Role",
            "Manager",
            "Portal user",
            "Active user",
        ],
        [
            "Pat",
            "Northwind Admin",
            "True",
            "Partner contact",
            "Partner Administrator",
            "",
            "",
            "False",
        ],
        [
            "Rita",
            "Person",
            "False",
            "Partner user",
            "Partner Sales Representative",
            "",
            "rita",
            "True",
        ],
    ]
    response = web.get(f"/partners/{partner.pk}/?tab=contacts&export=csv")
    assert f"partner-{partner.pk}-contacts" in response["Content-Disposition"]


def test_pc_1_pc_4_contacts_are_added_new_or_existing(
    web: Client, make_partner: Make, channel_manager: User
) -> None:
    """PC-1: a new contact (similar ones ask first); PC-4: an existing one by
    its number, an unknown number is a message."""
    partner = make_partner("Northwind")
    url = f"/partners/{partner.pk}/contacts/"
    added = _follow(web, url + "new/", {"first_name": "Rita", "last_name": "Rep"})
    assert "Partner contact added." in _messages(added)
    assert added.redirect_chain[-1][0] == f"/partners/{partner.pk}/?tab=contacts"
    similar = web.post(url + "new/", {"first_name": "Rita", "last_name": "Rep"})
    assert similar.status_code == 200
    assert 'data-testid="duplicate-candidates"' in similar.content.decode()
    assert similar.context["contact_form"].data["confirm_duplicates"] == "on"
    invalid = web.post(url + "new/", {"first_name": "No last name"})
    assert invalid.status_code == 200
    assert invalid.context["contact_form"].errors["last_name"]
    assert web.get(url + "new/").status_code == 200
    person = contact_create(actor=as_actor(channel_manager), last_name="Existing")
    existing = _follow(web, url + "existing/", {"existing-person_id": person.pk})
    assert "Partner contact added." in _messages(existing)
    unknown = _follow(web, url + "existing/", {"existing-person_id": 999_999})
    assert "No contact with this number." in _messages(unknown)
    assert PartnerContact.objects.filter(partner=partner).count() == 3


def test_pc_2_pc_3_pa_6_contact_pages_promote_and_change_the_role(
    web: Client, make_partner: Make
) -> None:
    """PC-2: contact to resource to portal user (invited); PA-6: role change;
    PC-3: no promotion while the partner is Inactive."""
    partner = make_partner("Northwind")
    contact = PartnerContact.objects.get(partner=partner)
    url = f"/partners/contacts/{contact.pk}/"
    rep = role_id(catalog.PARTNER_SALES_REPRESENTATIVE)
    assert web.get(url + "resource/").status_code == 200
    resource = _follow(web, url + "resource/", {"version": contact.version, "role": rep})
    assert "Pat Northwind Admin is now a partner resource." in _messages(resource)
    contact.refresh_from_db()
    stale = web.post(url + "role/", {"version": contact.version - 1, "role": rep})
    assert stale.status_code == 200
    assert stale.context["form"].errors
    admin = role_id(catalog.PARTNER_ADMINISTRATOR)
    role = _follow(web, url + "role/", {"version": contact.version, "role": admin})
    assert "Role changed." in _messages(role)
    contact.refresh_from_db()
    user = _follow(
        web,
        url + "user/",
        {
            "version": contact.version,
            "username": "pat",
            "email": "pat@northwind.example",
            "portal_user_type": "standard",
        },
    )
    assert "Portal user created; the invitation was sent." in _messages(user)
    assert mail.outbox[-1].to == ["pat@northwind.example"]
    assert user.redirect_chain[-1][0] == f"/partners/{partner.pk}/?tab=contacts"


def test_pc_3_promotion_refused_while_inactive_stays_on_the_page(
    web: Client, make_partner: Make, channel_manager: User
) -> None:
    """PC-3: the refusal is shown on the form."""
    partner = make_partner("Northwind")
    partner_set_status(actor=as_actor(channel_manager), partner=partner, status="inactive")
    contact = PartnerContact.objects.get(partner=partner)
    refused = web.post(
        f"/partners/contacts/{contact.pk}/resource/",
        {"version": contact.version, "role": role_id(catalog.PARTNER_SALES_REPRESENTATIVE)},
    )
    assert refused.status_code == 200
    assert "is Inactive" in refused.content.decode()


def test_pc_5_pc_6_contact_delete_and_favorite(
    web: Client, make_partner: Make, make_portal_user: Callable[..., PartnerContact]
) -> None:
    """PC-5: confirm, then delete (the portal user is deactivated); PC-6: the
    star marks and unmarks."""
    partner = make_partner("Northwind")
    rep = make_portal_user(partner, "rita")
    url = f"/partners/contacts/{rep.pk}/"
    starred = _follow(web, url + "favorite/", {"favorite": "1"})
    assert 'aria-pressed="true"' in starred.content.decode()
    assert web.get(url + "favorite/").status_code == 405
    confirm = web.get(url + "delete/").content.decode()
    assert "The portal user rita will be deactivated at once." in confirm
    deleted = _follow(web, url + "delete/", {})
    assert "Partner contact Rita Person deleted." in _messages(deleted)
    assert deleted.redirect_chain[-1][0] == f"/partners/{partner.pk}/?tab=contacts"
    assert not PartnerContact.objects.filter(pk=rep.pk).exists()
    assert not User.objects.get(username="rita").is_active


def test_pa_2_account_page_sets_the_managed_partner_flag(web: Client, make_partner: Make) -> None:
    """PA-2: the account screens' flag; a partner that stays managed opens."""
    partner = make_partner("Northwind")
    url = f"/partners/accounts/{partner.account_id}/managed/"
    assert web.get(url).status_code == 200
    off = _follow(web, url, {})
    assert "Managed-partner flag saved." in _messages(off)
    assert off.redirect_chain == []
    on = _follow(web, url, {"managed_partner": "on"})
    assert on.redirect_chain[-1][0] == f"/partners/{partner.pk}/"


def test_pc_1_pa_2_partner_buttons_and_forms_only_for_the_channel_team(
    web: Client,
    make_partner: Make,
    salesperson: User,
    client_for: Callable[[User], Client],
) -> None:
    """PC-1/PA-2: a salesperson who owns a partner's account sees the
    partner, but not a button or form of the channel team's (New partner,
    Edit, Inactivate, adding and promoting contacts): their pages are 403
    to it. The channel manager is offered all of them."""
    partner = make_partner("Northwind")
    contact = PartnerContact.objects.get(partner=partner)
    Account.objects.filter(pk=partner.account_id).update(owner=salesperson)
    offered = (
        "/partners/new/",
        f"/partners/{partner.pk}/edit/",
        f"/partners/{partner.pk}/inactivate/",
        f"/partners/{partner.pk}/contacts/new/",
        f"/partners/{partner.pk}/contacts/existing/",
        f"/partners/contacts/{contact.pk}/role/",
        f"/partners/contacts/{contact.pk}/delete/",
    )
    seller = client_for(salesperson)
    pages = [
        seller.get("/partners/").content.decode(),
        seller.get(f"/partners/{partner.pk}/").content.decode(),
        seller.get(f"/partners/{partner.pk}/?tab=contacts").content.decode(),
    ]
    assert "Northwind Admin" in pages[2]
    assert not [url for url in offered if any(f'"{url}"' in page for page in pages)]
    for url in (*offered[:2], offered[3], *offered[5:]):
        assert seller.get(url).status_code == 403, url
    assert seller.get(f"/partners/accounts/{partner.account_id}/managed/").status_code == 403
    manager_pages = [
        web.get("/partners/").content.decode(),
        web.get(f"/partners/{partner.pk}/").content.decode(),
        web.get(f"/partners/{partner.pk}/?tab=contacts").content.decode(),
    ]
    assert all(any(f'"{url}"' in page for page in manager_pages) for url in offered)
