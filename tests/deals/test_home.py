"""The deals blocks of the home pages and the notifications block
(DEAL-2, DEAL-4, DEAL-6)."""

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client

from openprm.core.notifications.models import Notification
from openprm.customers.models import Account
from openprm.deals import services
from openprm.deals.models import DealRegistration
from openprm.identity.models import User
from tests.factories import as_actor

pytestmark = pytest.mark.django_db


def test_deal_2_the_channel_manager_home_lists_what_waits_with_conflicts(
    client_for: Callable[[User], Client],
    register: Callable[..., DealRegistration],
    channel_manager: User,
) -> None:
    earlier = register("nw", submit=True)
    register("co", submit=True)
    page = client_for(channel_manager).get("/").content.decode()
    assert 'data-testid="home-registrations_to_decide"' in page
    assert earlier.number in page
    assert "bg-orange-lt" in page


def test_deal_4_6_the_partner_home_shows_what_needs_it_and_its_notifications(
    client_for: Callable[[User], Client],
    register: Callable[..., DealRegistration],
    two_partners: dict[str, Any],
    channel_manager: User,
    customer: Account,
) -> None:
    cam = as_actor(channel_manager)
    returned = register("nw", submit=True)
    services.registration_return(
        actor=cam, registration=returned, note="Which sites?", expected_version=returned.version
    )
    lead = services.lead_create(actor=cam, account_id=customer.pk, name="Acme Wi-Fi")
    services.lead_route(
        actor=cam, lead=lead, partner_id=two_partners["nw"].pk, expected_version=lead.version
    )
    web = client_for(two_partners["nw_rep"].user)
    page = web.get("/").content.decode()
    assert f'data-testid="returned-{returned.pk}"' in page
    assert "1 lead waits for your answer" in page
    notice = Notification.objects.get(
        recipient=two_partners["nw_rep"].user, title="A lead waits for your answer: Acme Wi-Fi"
    )
    assert f'data-testid="notification-{notice.pk}"' in page
    opened = web.post(f"/notifications/{notice.pk}/")
    assert opened["Location"] == "/portal/leads/"
    notice.refresh_from_db()
    assert notice.read_at is not None
    other = client_for(two_partners["co_rep"].user)
    assert other.post(f"/notifications/{notice.pk}/").status_code == 404
    page = client_for(two_partners["co_rep"].user).get("/").content.decode()
    assert returned.number not in page
