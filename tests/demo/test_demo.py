"""The demo shows every feature (openprm/demo and each app's demo.py):
territories with criteria and assigned accounts, prospects that can be
converted, revenue that fits each account's size, contacts with
preferences, two partners with portal users, a non-empty My Contacts for
the administrator, and imports with their outcome; and `openprm demo
--users` lists the sign-ins again."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from openprm.contacts.filters import ContactFilter
from openprm.contacts.models import ContactPreference
from openprm.contacts.selectors import MY_CONTACTS, contact_list, saved_search_by_code
from openprm.customers.demo import REVENUE_BY_SIZE
from openprm.customers.models import Account
from openprm.customers.qualification import qualification_failures
from openprm.customers.services import account_convert_to_sales_account
from openprm.demo.context import DEMO_PASSWORD
from openprm.identity import demo as identity_demo
from openprm.identity.actors import actor_for
from openprm.identity.models import User
from openprm.imports.models import ImportJob
from openprm.partners import demo as partners_demo
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.territories.demo import TERRITORIES
from openprm.territories.models import AccountTerritory, Territory

pytestmark = pytest.mark.django_db

SIGN_INS = [username for username, _ in identity_demo.sign_ins() + partners_demo.sign_ins()]


def test_ter_1_2_3_territories_with_criteria_and_assigned_accounts(demo: str) -> None:
    """TER-1..TER-3: every demo territory has criteria and a member, and the
    regions, the nested territory and the overlays have accounts."""
    territories = Territory.objects.prefetch_related("criteria", "members")
    assert territories.count() == len(TERRITORIES)
    assert all(t.criteria.exists() and t.members.exists() for t in territories)
    assert Territory.objects.filter(parent__isnull=False).count() == 2
    assert {t.territory_type for t in territories} >= {"prime", "overlay", "sales_channel_manager"}
    assigned = set(AccountTerritory.objects.values_list("territory__name", flat=True))
    assert {"North America", "Europe", "DACH", "High Technology"} <= assigned


def test_cus_3_prospects_that_can_be_converted_and_some_that_cannot(demo: str) -> None:
    """CUS-3: some prospects pass the qualification rules (complete sell-to
    address, a territory) and convert; others name the rule they fail."""
    prospects = list(Account.objects.filter(account_type="prospect", is_active=True))
    ready = [p for p in prospects if not qualification_failures(p)]
    assert ready
    assert len(ready) < len(prospects)
    prospect = ready[0]
    converted = account_convert_to_sales_account(
        actor=actor_for(prospect.owner), account=prospect, expected_version=prospect.version
    )
    assert converted.is_sales_account
    assert converted.account_type == "customer"


def test_revenue_fits_each_accounts_size(demo: str) -> None:
    sized = Account.objects.exclude(size="").exclude(annual_revenue=None)
    assert sized.count() >= 50
    for account in sized.exclude(account_type="partner"):
        low, high = REVENUE_BY_SIZE[account.size]
        assert low <= account.annual_revenue < high, account


def test_con_9_contacts_with_preferences(demo: str) -> None:
    """CON-9, CON-10: Do and Do Not, legal and ordinary reasons, on phones
    and e-mails of several contacts, one already ended."""
    preferences = ContactPreference.objects.select_related("contact_point")
    assert preferences.values("contact_point__person").distinct().count() >= 6
    assert {p.preference for p in preferences} == {"do", "do_not"}
    assert {"DNC_REGISTRY", "LEGAL_REQUEST", "CUSTOMER_REQUEST"} <= {
        p.reason_code for p in preferences
    }
    assert {p.contact_point.kind for p in preferences} == {"phone", "email"}
    assert any(p.end_date is not None for p in preferences)


def test_prg_7_two_partners_with_portal_users(demo: str) -> None:
    """PRG-7: Northwind and Contoso each have an administrator and a
    representative who sign into the portal and see their own organization;
    a resource still waits for a portal user and one partner is inactive."""
    for name in ("Northwind Resellers", "Contoso Distribution"):
        partner = PartnerProfile.objects.get(account__name=name)
        users = PartnerContact.objects.filter(partner=partner, user__is_active=True)
        assert users.count() == 2
    client = Client()
    signed_in = client.post(
        reverse("identity:login"), {"username": "nw-rep", "password": DEMO_PASSWORD}
    )
    assert signed_in.status_code == 302
    page = client.get(reverse("home")).content.decode()
    assert "Northwind Resellers" in page
    assert "Contoso" not in page
    assert PartnerContact.objects.filter(level="resource", user=None).exists()
    assert PartnerProfile.objects.filter(status="inactive").count() == 1


def test_con_7_the_administrators_my_contacts_is_not_empty(demo: str) -> None:
    """CON-7: My Contacts, the list every user opens first, shows the
    administrator its own customers' contacts."""
    admin = actor_for(User.objects.get(username="admin"))
    mine = contact_list(
        actor=admin, filters=ContactFilter(), saved_search=saved_search_by_code(MY_CONTACTS)
    )
    assert mine.exists()


def test_imp_1_imports_with_their_outcome(demo: str) -> None:
    jobs = ImportJob.objects.select_related("created_by")
    assert {(j.created_by.username, j.status) for j in jobs} == {("cam", "done"), ("sales", "done")}
    assert all(j.accepted_rows == 2 and j.rejected_rows == 1 for j in jobs)


FILLED = {
    "admin": ("users", "import_health", "partners", "my_accounts", "my_contacts"),
    "salesadmin": ("partners", "my_accounts", "my_contacts", "recent_changes"),
    "cam": ("partners", "partner_work", "my_jobs", "recent_changes"),
    "sales": ("my_accounts", "my_contacts", "recent_changes", "my_jobs"),
    "sales2": ("my_accounts", "my_contacts", "recent_changes"),
    **{name: ("organization", "people") for name, _ in partners_demo.sign_ins()},
}


@pytest.mark.parametrize("username", SIGN_INS)
def test_every_demo_users_home_page_shows_data(demo: str, username: str) -> None:
    """Each role's home page shows its main blocks with data, not their
    empty states."""
    client = Client()
    client.force_login(User.objects.get(username=username))
    page = client.get(reverse("home")).content.decode()
    for block in FILLED[username]:
        assert f'data-testid="home-{block}"' in page, block
        assert f'data-testid="empty-{block}"' not in page, block


def test_demo_users_lists_the_sign_ins_again(demo: str) -> None:
    """`openprm demo --users` lists the demo sign-ins and the password,
    without loading anything; the first run printed the same list."""
    out = StringIO()
    call_command("demo", users=True, stdout=out)
    listed = out.getvalue()
    assert f"password for all: {DEMO_PASSWORD}" in listed
    for username in SIGN_INS:
        assert f"  {username} " in listed
        assert f"  {username} " in demo
    assert "partner administrator of Northwind Resellers (portal)" in listed
    assert "openprm demo --users" in listed
    assert User.objects.filter(username="admin").count() == 1


def test_setup_on_a_loaded_database_lists_the_sign_ins(demo: str) -> None:
    """`openprm setup` (scripts/run.sh) loads nothing into a database with
    users, and says who can sign in."""
    out = StringIO()
    call_command("demo", if_empty=True, stdout=out)
    assert "Demo data not loaded" in out.getvalue()
    assert "  nw-admin " in out.getvalue()
