"""Home pages with data, per role: each block is an app's contribution
(core.home), read through the access module, with an empty state that says
what it holds and offers the first action."""

import re
from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django_tasks.base import TaskResultStatus

from openprm.core import home
from openprm.core.catalog import VIEW_SYSTEM_HEALTH
from openprm.identity.catalog import ADMINISTRATOR, CHANNEL_ACCOUNT_MANAGER, SALESPERSON
from openprm.identity.models import Resource, User
from openprm.imports.models import ImportJob
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.services import (
    partner_contact_create,
    partner_contact_promote_to_resource,
    partner_set_status,
)
from tests.contacts.helpers import make_account, make_contact
from tests.factories import as_actor, make_user
from tests.partners.conftest import make_partner, make_portal_user, role_id, two_partners

__all__ = ["make_partner", "make_portal_user", "two_partners"]

pytestmark = pytest.mark.django_db


def blocks(client: Client) -> list[str]:
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return [shown.name for shown in response.context["blocks"]]


def data(client: Client, name: str) -> Any:
    response = client.get(reverse("home"))
    return next(shown.data for shown in response.context["blocks"] if shown.name == name)


def test_every_app_contributes_its_blocks_and_core_names_none() -> None:
    """The blocks come from the apps' AppConfig `home_blocks`, collected at
    start-up and resolved to their selectors; core only orders them."""
    names = [block.name for block in home.collected()]
    assert {
        "users",
        "import_health",
        "background_jobs",
        "partners",
        "partner_work",
        "my_accounts",
        "my_contacts",
        "recent_changes",
        "my_jobs",
        "organization",
        "people",
        "next_steps",
    } <= set(names)
    orders = [block.order for block in home.collected()]
    assert orders == sorted(orders)
    assert all(callable(block.read) for block in home.collected())


def test_a_salesperson_sees_its_accounts_contacts_and_recent_changes(
    client_for: Callable[[User], Client], salesperson: User
) -> None:
    """CUS-5, CON-7, PLAT-5: its own accounts and prospects, My Contacts,
    and changes to what it may see; nothing of partners or the system."""
    other = make_user(SALESPERSON, username="other")
    mine = make_account(salesperson, "Acme Mine")
    make_account(salesperson, "Beta Prospect", sales=False, account_type="prospect")
    hidden = make_account(other, "Hidden Corp")
    make_contact(salesperson, "Mine-Contact", mine)
    make_contact(other, "Hidden-Contact", hidden)
    client = client_for(salesperson)

    assert blocks(client) == [
        "notifications_internal",
        "my_accounts",
        "pipeline",
        "my_contacts",
        "recent_changes",
        "my_jobs",
    ]
    accounts = data(client, "my_accounts")
    assert [a.name for a in accounts["accounts"]] == ["Beta Prospect", "Acme Mine"]
    assert (accounts["count"], accounts["prospects"]) == (2, 1)
    assert [p.last_name for p in data(client, "my_contacts")["contacts"]] == ["Mine-Contact"]
    changed = [c["entry"].object_repr for c in data(client, "recent_changes")["changes"]]
    assert "Mine-Contact" in " ".join(changed)
    assert "Hidden" not in " ".join(changed)
    page = client.get(reverse("home")).content.decode()
    assert "Acme Mine" in page
    assert "Hidden Corp" not in page


def test_plat_5_recent_changes_name_the_people_who_made_them(
    client_for: Callable[[User], Client], salesperson: User
) -> None:
    """PLAT-5: "Created by Sally Seller", the name people read, not the
    sign-in name."""
    Resource.objects.create(name="Sally Seller", user=salesperson)
    make_contact(salesperson, "By-Sally", make_account(salesperson, "Named Account"))
    page = client_for(salesperson).get(reverse("home")).content.decode()
    block = page[page.index('data-testid="home-recent_changes"') :].split("</section>")[0]
    assert "Created by Sally Seller" in block
    assert f"Created by {salesperson.username}" not in block


def test_empty_blocks_say_what_they_hold_and_offer_the_first_action(
    client_for: Callable[[User], Client], salesperson: User
) -> None:
    page = client_for(salesperson).get(reverse("home")).content.decode()
    assert 'data-testid="empty-my_accounts"' in page
    assert reverse("customers:account_create") in page
    assert 'data-testid="empty-my_contacts"' in page
    assert reverse("contacts:contact_create") in page
    assert 'data-testid="empty-my_jobs"' in page
    assert reverse("imports:job_new") in page


def test_a_channel_manager_sees_its_partners_and_what_waits_for_it(
    client_for: Callable[[User], Client],
    channel_manager: User,
    make_partner: Callable[..., PartnerProfile],
) -> None:
    """PA-3, PC-2, PRG-9: its partners, a resource without a portal user
    and an inactive partner."""
    cam = as_actor(channel_manager)
    active = make_partner("Northwind")
    resting = make_partner("Contoso")
    partner_set_status(
        actor=cam, partner=resting, status="inactive", expected_version=resting.version
    )
    contact = partner_contact_create(
        actor=cam, partner=active, data={"last_name": "Waiting"}, confirm_duplicates=True
    )
    partner_contact_promote_to_resource(
        actor=cam,
        contact=contact,
        role_id=role_id("partner_sales_representative"),
        expected_version=contact.version,
    )
    client = client_for(channel_manager)

    assert blocks(client)[:6] == [
        "notifications_internal",
        "registrations_to_decide",
        "applications_waiting",
        "program_watch",
        "partners",
        "partner_work",
    ]
    overview = data(client, "partners")
    assert overview["active"] == 1
    assert [p.account.name for p in overview["partners"]] == ["Contoso", "Northwind"]
    work = data(client, "partner_work")
    assert [c.person.last_name for c, _url in work["awaiting"]] == ["Waiting"]
    assert work["inactive"] == 1
    page = client.get(reverse("home")).content.decode()
    assert 'data-testid="awaiting-portal-user"' in page
    assert 'data-testid="inactive-partners"' in page


def test_an_administrator_sees_the_health_of_the_system(
    client_for: Callable[[User], Client], salesperson: User, settings: Any
) -> None:
    """Users active and inactive, everyone's imports with their outcome,
    background tasks queued and failed (View System Health)."""
    from django_tasks_db.models import DBTaskResult

    from openprm.territories.tasks import realign_all_accounts

    admin = make_user(ADMINISTRATOR, username="admin")
    assert as_actor(admin).has_privilege(VIEW_SYSTEM_HEALTH)
    make_user(SALESPERSON, username="gone", is_active=False)
    ImportJob.objects.create(kind="accounts", created_by=salesperson, status="failed")
    ImportJob.objects.create(
        kind="contacts", created_by=salesperson, status="done", rejected_rows=3
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    realign_all_accounts.enqueue(0)
    failing = realign_all_accounts.enqueue(1)
    DBTaskResult.objects.get(pk=failing.id).set_failed(RuntimeError("boom"))
    client = client_for(admin)

    assert blocks(client)[:4] == [
        "notifications_internal",
        "users",
        "import_health",
        "background_jobs",
    ]
    users = data(client, "users")
    assert (users["internal"], users["inactive"]) == (2, 1)
    imports = data(client, "import_health")
    assert imports["total"] == 2
    assert imports["rejected"] == 3
    assert dict((value, count) for value, _label, count in imports["statuses"])["failed"] == 1
    assert all(url == "" for _job, url in imports["latest"]), "another user's job is not linked"
    jobs = data(client, "background_jobs")
    assert (jobs["queued"], jobs["failed"]) == (1, 1)
    assert jobs["failures"][0]["error"] == "RuntimeError"
    assert DBTaskResult.objects.get(pk=failing.id).status == TaskResultStatus.FAILED


def test_health_blocks_need_their_privileges(
    client_for: Callable[[User], Client], salesperson: User
) -> None:
    """A channel manager holds neither Manage Users nor View System Health."""
    manager = make_user(CHANNEL_ACCOUNT_MANAGER, username="cam2")
    shown = set(blocks(client_for(manager)))
    assert not shown & {"users", "import_health", "background_jobs"}
    assert not shown & {"organization", "people", "next_steps"}


def test_prg_7_a_partner_user_sees_its_organization_people_and_next_steps(
    client_for: Callable[[User], Client], two_partners: dict[str, Any]
) -> None:
    """PRG-7: only its own organization and its people, never the other
    partner; next steps from its own data (PRG-2: the administrator manages
    its users)."""
    admin = two_partners["nw_admin"].user
    client = client_for(admin)

    assert blocks(client) == [
        "portal_alerts",
        "leads_by_status",
        "opportunities_by_stage",
        "registrations_expiring",
        "notifications_portal",
        "organization",
        "tier_progress",
        "partner_deals",
        "people",
        "certifications_expiring",
        "next_steps",
    ]
    assert data(client, "organization")["partner"].account.name == "Northwind"
    people = data(client, "people")
    assert people["count"] == 2
    assert people["users"] == 2
    assert {c.partner_id for c in people["people"]} == {two_partners["nw"].pk}
    steps = " ".join(step["text"] for step in data(client, "next_steps")["steps"])
    assert "partner administrator" in steps
    assert "favorites" in steps
    page = client.get(reverse("home")).content.decode()
    assert "Northwind" in page
    assert "Contoso" not in page
    assert "co-admin" not in page

    rep_steps = data(client_for(two_partners["nw_rep"].user), "next_steps")["steps"]
    assert "partner administrator" not in " ".join(step["text"] for step in rep_steps)


def test_prg_7_the_people_block_heads_its_counts_with_readable_words(
    client_for: Callable[[User], Client], two_partners: dict[str, Any]
) -> None:
    """Each count says what it counts ("Portal users 2"), not a level's
    raw name read above a number ("PARTNER USER 2")."""
    page = client_for(two_partners["nw_admin"].user).get(reverse("home")).content.decode()
    block = page[page.index('data-testid="home-people"') :]
    titles = re.findall(r'<div class="datagrid-title">([^<]*)</div>', block.split("</section>")[0])
    assert titles == ["Contacts", "Resources", "Portal users", "Can sign in"]


def test_a_partner_user_without_an_organization_sees_no_blocks(
    client_for: Callable[[User], Client], two_partners: dict[str, Any]
) -> None:
    contact = two_partners["co_rep"]
    user = contact.user
    PartnerContact.objects.filter(pk=contact.pk).update(user=None)
    assert blocks(client_for(user)) == []
