"""The registration clock runs by itself (DEAL-2, DEAL-6): expiry, reminders
14/7/1 days before, escalation of overdue approvals; each pass re-runnable."""

import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone

from openprm.core.audit.models import BusinessEvent
from openprm.core.notifications.models import Notification
from openprm.core.schedule import tick
from openprm.core.schedule_models import ScheduledRun
from openprm.customers.models import Account
from openprm.deals import services
from openprm.deals.housekeeping import (
    business_days_before,
    registrations_escalate,
    registrations_expire,
    registrations_remind,
)
from openprm.deals.models import DealRegistration
from openprm.identity.models import Resource, User
from tests.factories import as_actor, make_user

pytestmark = pytest.mark.django_db
State = DealRegistration.State


@pytest.fixture
def approved(
    register: Callable[..., DealRegistration], channel_manager: User, customer: Account
) -> DealRegistration:
    registration = register("nw", submit=True)
    return services.registration_approve(
        actor=as_actor(channel_manager),
        registration=registration,
        account_id=customer.pk,
        expected_version=registration.version,
    )


def test_deal_2_protection_expires_once(approved: DealRegistration) -> None:
    mail.outbox.clear()
    ends = approved.protection_ends
    assert registrations_expire(ends) == 0  # the last protected day
    assert registrations_expire(ends + dt.timedelta(days=1)) == 1
    assert registrations_expire(ends + dt.timedelta(days=2)) == 0
    approved.refresh_from_db()
    assert approved.state == State.EXPIRED
    assert (
        BusinessEvent.objects.filter(
            object_id=str(approved.pk), kind="registration_expired"
        ).count()
        == 1
    )
    assert Notification.objects.filter(
        recipient=approved.owner, title="Deal registrations expired", body=approved.number
    ).exists()
    assert len(mail.outbox) == 1


def test_deal_6_reminders_14_7_1_days_before_each_once(approved: DealRegistration) -> None:
    ends = approved.protection_ends
    seen = []
    for before in (20, 14, 13, 7, 7, 3, 1, 0):
        seen.append(registrations_remind(ends - dt.timedelta(days=before)))
    assert seen == [0, 1, 0, 1, 0, 0, 1, 0]
    titles = list(
        Notification.objects.filter(recipient=approved.owner)
        .order_by("pk")
        .values_list("title", flat=True)
    )
    assert titles == [
        "Deal protection ends within 14 days",
        "Deal protection ends within 7 days",
        "Deal protection ends within 1 day",
    ]


def test_deal_6_a_late_start_sends_only_the_nearest_reminder(approved: DealRegistration) -> None:
    assert registrations_remind(approved.protection_ends - dt.timedelta(days=5)) == 1
    approved.refresh_from_db()
    assert approved.reminded_days == 7


def test_deal_2_overdue_approvals_escalate_to_the_managers_manager(
    register: Callable[..., DealRegistration], channel_manager: User
) -> None:
    boss = make_user(username="boss")
    Resource.objects.create(name="Boss", user=boss)
    Resource.objects.create(
        name="CAM", user=channel_manager, manager=Resource.objects.get(user=boss)
    )
    registration = register("nw", submit=True)
    monday = dt.datetime(2026, 12, 7, 9, tzinfo=dt.UTC)
    DealRegistration.objects.filter(pk=registration.pk).update(submitted_at=monday)
    assert registrations_escalate(monday + dt.timedelta(days=1)) == 0
    assert registrations_escalate(monday + dt.timedelta(days=3)) == 1
    assert registrations_escalate(monday + dt.timedelta(days=4)) == 0
    assert set(Notification.objects.values_list("recipient__username", flat=True)) == {
        "cam",
        "boss",
    }


def test_business_days_skip_the_weekend() -> None:
    friday = dt.datetime(2026, 12, 11, 12, tzinfo=dt.UTC)
    monday = dt.datetime(2026, 12, 14, 12, tzinfo=dt.UTC)
    assert business_days_before(monday, 1) == friday


def test_deal_2_the_schedule_starts_housekeeping_once_per_slot(settings: Any) -> None:
    """Two servers ticking at the same moment start the task once."""
    now = timezone.now()
    first = tick(now)
    second = tick(now)
    name = "openprm.deals.tasks.registrations_housekeeping"
    assert name in first
    assert name not in second
    assert ScheduledRun.objects.get(name=name).next_run_at == now + dt.timedelta(hours=1)
    assert name in tick(now + dt.timedelta(hours=1))
