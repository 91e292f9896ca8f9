"""The portal home (PRG-8) and the program page (PRG-7) cost a fixed number
of SQL statements, whatever the partner holds: every block reads its rows
and its counts in one statement (core.counting), and the partner's
membership row is read once, with the actor. On PostgreSQL each statement
is a round trip, so a page that grew with the data would miss its 50 ms.

Two worlds: the partner with one record of each kind, then with many more
(opportunities in every stage, leads, offers, registrations returned and
about to expire, notifications, people, certifications and completions,
alerts, tier changes). The partner sees its subsidiaries (PRG-13), so the
read of its reach is counted too.
"""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from openprm.alerts.services import alert_create
from openprm.core.notifications.models import Notification
from openprm.customers.models import Account
from openprm.deals.models import DealRegistration, Lead, LeadOffer, Opportunity
from openprm.identity.models import User
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.services import partner_contact_create
from openprm.programs.models import Partnership, TierChange
from openprm.trainings.models import Certification, HeldCertification, Training, TrainingCompletion
from tests.factories import as_actor

MAX_STATEMENTS = 16
PAGES = ("/", "/portal/program/")


def _statements(client: Client, path: str) -> list[str]:
    client.get(path)  # the session's first request settles what a browser's would
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def _grow(
    partner: PartnerProfile,
    partnership: Partnership,
    admin: User,
    cam: User,
    customer: Account,
    size: int,
) -> None:
    """`size` more records of every kind the two pages read, for `partner`."""
    today = timezone.localdate()
    for stage, _label in Opportunity.Stage.choices:
        Opportunity.objects.bulk_create(
            Opportunity(
                name=f"{stage} {n}",
                account=customer,
                stage=stage,
                is_open=stage not in ("won", "lost"),
                amount=1000 + n,
                close_date=today,
                owner=cam,
                partner=partner,
            )
            for n in range(size)
        )
    leads = Lead.objects.bulk_create(
        Lead(name=f"Lead {n}", account=customer, status=status, owner=cam, partner=partner)
        for n in range(size)
        for status, _label in Lead.Status.choices
    )
    LeadOffer.objects.bulk_create(
        LeadOffer(lead=lead, partner=partner, deadline=timezone.now() + dt.timedelta(days=3))
        for lead in leads
    )
    DealRegistration.objects.bulk_create(
        DealRegistration(
            title=f"{state} {n}",
            state=state,
            partner=partner,
            owner=cam,
            channel_manager=cam,
            customer_name=f"Customer {n}",
            close_date=today + dt.timedelta(days=60),
            protection_starts=today - dt.timedelta(days=10),
            protection_ends=today + dt.timedelta(days=1 + n % 20),
        )
        for n in range(size)
        for state in ("approved", "returned", "won")
    )
    Notification.objects.bulk_create(
        Notification(recipient=admin, title=f"Notice {n}") for n in range(size)
    )
    contacts = [
        partner_contact_create(
            actor=as_actor(cam),
            partner=partner,
            data={"first_name": f"Person{n}", "last_name": f"Size{size}"},
            confirm_duplicates=True,
        )
        for n in range(min(size, 8))
    ]
    certification = Certification.objects.create(code=f"C{size}", name=f"Cert {size}")
    training = Training.objects.create(code=f"T{size}", name=f"Training {size}")
    for n, contact in enumerate(contacts):
        HeldCertification.objects.create(
            holder=contact,
            certification=certification,
            issued_on=today - dt.timedelta(days=300),
            expires_on=today + dt.timedelta(days=10 + 40 * (n % 3)),
        )
        TrainingCompletion.objects.create(contact=contact, training=training, completed_on=today)
    for n in range(min(size, 6)):
        alert_create(
            actor=as_actor(cam),
            data={"title": f"Alert {size}.{n}", "starts_on": today, "target": "all"},
        )
    TierChange.objects.bulk_create(
        TierChange(
            partnership=partnership,
            kind=TierChange.Kind.OVERRIDE,
            to_tier=partnership.tier,
            reason=f"Change {n}",
            changed_by=cam,
            changed_at=timezone.now(),
        )
        for n in range(size)
    )


@pytest.mark.django_db
def test_prg_7_prg_8_portal_home_and_program_page_cost_the_same_statements_at_any_size(
    two_partners: dict[str, Any],
    partnerships: dict[str, Partnership],
    channel_manager: User,
    customer: Account,
    win: Callable[..., Opportunity],
) -> None:
    """PRG-7, PRG-8: the partner administrator's portal home and program
    page issue at most 16 statements, and the same number with one record
    of each kind as with many."""
    partner = two_partners["nw"]
    PartnerProfile.objects.filter(pk=partner.pk).update(portal_shows_subsidiaries=True)
    admin = PartnerContact.objects.get(pk=two_partners["nw_admin"].pk).user
    win("nw", "60000")
    client = Client()
    client.force_login(admin)
    grow = (partner, partnerships["nw"], admin, channel_manager, customer)

    _grow(*grow, size=1)
    small = {path: _statements(client, path) for path in PAGES}
    _grow(*grow, size=12)
    big = {path: _statements(client, path) for path in PAGES}

    for path in PAGES:
        assert len(big[path]) == len(small[path]), (path, big[path])
        assert len(big[path]) <= MAX_STATEMENTS, (path, big[path])


@pytest.mark.django_db
def test_prg_8_the_home_shows_what_grew(
    two_partners: dict[str, Any],
    partnerships: dict[str, Partnership],
    channel_manager: User,
    customer: Account,
) -> None:
    """PRG-8: with the counts read together, each tile still shows its own
    figure: the leads waiting for an answer, the people by level and the
    certifications expiring."""
    partner = two_partners["nw"]
    admin = PartnerContact.objects.get(pk=two_partners["nw_admin"].pk).user
    _grow(partner, partnerships["nw"], admin, channel_manager, customer, size=3)
    client = Client()
    client.force_login(admin)

    page = client.get("/").content.decode()

    offers = LeadOffer.objects.filter(partner=partner).count()
    assert f"{offers} leads wait for your answer" in page
    people = PartnerContact.objects.filter(partner=partner).count()
    assert f"All {people} people" in page
    assert 'data-testid="home-registrations_expiring"' in page
