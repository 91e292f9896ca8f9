"""Typed business events: recorded on the record's timeline when published,
handed to subscribers only once the write has committed."""

from dataclasses import dataclass

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from openprm.core.audit.models import BusinessEvent
from openprm.core.events import Event, event_label, publish, publish_many, subscribe
from openprm.identity.catalog import SALES_ADMINISTRATOR, SALESPERSON
from openprm.identity.models import Role, User
from openprm.identity.services import user_update
from tests.factories import as_actor, make_user
from tests.testapp.models import Widget


@dataclass(frozen=True, kw_only=True)
class WidgetPolished(Event):
    code = "test_widget_polished"
    label = _("Widget polished")
    gloss: int


@dataclass(frozen=True, kw_only=True)
class WidgetScrapped(Event):
    code = "test_widget_scrapped"
    label = _("Widget scrapped")


received: list[Event] = []


@subscribe(WidgetPolished)
def _polished(event: WidgetPolished) -> None:
    received.append(event)


@subscribe(WidgetScrapped)
def _scrapped(event: WidgetScrapped) -> None:
    raise RuntimeError("the notification service is down")


@pytest.fixture
def polished(db: None) -> WidgetPolished:
    received.clear()
    owner = make_user(SALESPERSON)
    widget = Widget.objects.create(name="Gear", owner=owner)
    return WidgetPolished(actor=as_actor(owner), record=widget, gloss=2)


@pytest.mark.django_db(transaction=True)
def test_subscribers_run_after_the_write_commits(polished: WidgetPolished) -> None:
    with transaction.atomic():
        entry = publish(polished)
        assert received == []
    assert received == [polished]
    assert (entry.kind, entry.data) == ("test_widget_polished", {"gloss": 2})


class Refused(Exception):
    pass


def _refused_write(event: Event) -> None:
    with transaction.atomic():
        publish(event)
        raise Refused


@pytest.mark.django_db(transaction=True)
def test_a_rolled_back_write_reaches_no_subscriber(polished: WidgetPolished) -> None:
    with pytest.raises(Refused):
        _refused_write(polished)
    assert received == []
    assert not BusinessEvent.objects.filter(kind=WidgetPolished.code).exists()


@pytest.mark.django_db(transaction=True)
def test_a_failing_subscriber_does_not_fail_the_committed_write(
    polished: WidgetPolished, caplog: pytest.LogCaptureFixture
) -> None:
    with transaction.atomic():
        publish(WidgetScrapped(actor=polished.actor, record=polished.record))
    assert BusinessEvent.objects.filter(kind=WidgetScrapped.code).exists()
    assert "_scrapped" in caplog.text


def test_plat_5_history_names_an_event_by_its_label() -> None:
    assert event_label("test_widget_polished") == "Widget polished"
    assert event_label("roles_changed") == "Roles changed"
    assert event_label("no_longer_declared") == "no_longer_declared"


def test_two_event_types_with_one_code_stop_start_up() -> None:
    with pytest.raises(ImproperlyConfigured, match="test_widget_polished"):

        @dataclass(frozen=True, kw_only=True)
        class Buffed(Event):
            code = "test_widget_polished"
            label = "Buffed"


@pytest.mark.django_db
def test_plat_5_a_service_publishes_its_apps_event_on_the_record(admin_user: User) -> None:
    """identity's RolesChanged, published by user_update, lands on the user."""
    subject = make_user(SALESPERSON)
    user_update(
        actor=as_actor(admin_user),
        user=subject,
        expected_version=subject.version,
        roles=list(Role.objects.filter(code=SALES_ADMINISTRATOR)),
    )
    entry = BusinessEvent.objects.get(object_id=str(subject.pk), kind="roles_changed")
    assert entry.data == {"from": [SALESPERSON], "to": [SALES_ADMINISTRATOR]}


@dataclass(frozen=True, kw_only=True)
class WidgetCounted(Event):
    code = "test_widget_counted"
    label = _("Widget counted")
    n: int


counted: list[int] = []


@subscribe(WidgetCounted)
def _counted(event: WidgetCounted) -> None:
    if event.n == 2:
        raise RuntimeError("one delivery fails")
    counted.append(event.n)


@pytest.fixture
def widgets(db: None) -> list[Widget]:
    received.clear()
    counted.clear()
    owner = make_user(SALESPERSON)
    return [Widget.objects.create(name=f"Gear {n}", owner=owner) for n in range(4)]


@pytest.mark.django_db(transaction=True)
def test_publish_many_records_every_event_and_delivers_each_after_commit(
    widgets: list[Widget],
) -> None:
    """PRG-5: a batch (a first evaluation's upgrades) keeps one timeline
    entry per record and still reaches subscribers once per event."""
    actor = as_actor(widgets[0].owner)
    events = [WidgetPolished(actor=actor, record=w, gloss=n) for n, w in enumerate(widgets)]
    with transaction.atomic():
        entries = publish_many(events)
        assert received == []
    assert received == events
    assert len(entries) == 4
    stored = BusinessEvent.objects.filter(kind=WidgetPolished.code)
    assert sorted(stored.values_list("object_id", "data")) == sorted(
        (str(w.pk), {"gloss": n}) for n, w in enumerate(widgets)
    )


@pytest.mark.django_db(transaction=True)
def test_publish_many_a_rolled_back_batch_reaches_no_subscriber(widgets: list[Widget]) -> None:
    actor = as_actor(widgets[0].owner)

    def refused_batch() -> None:
        with transaction.atomic():
            publish_many([WidgetPolished(actor=actor, record=w, gloss=1) for w in widgets])
            raise Refused

    with pytest.raises(Refused):
        refused_batch()
    assert received == []
    assert not BusinessEvent.objects.filter(kind=WidgetPolished.code).exists()


@pytest.mark.django_db(transaction=True)
def test_publish_many_one_failing_delivery_leaves_the_others(
    widgets: list[Widget], caplog: pytest.LogCaptureFixture
) -> None:
    actor = as_actor(widgets[0].owner)
    with transaction.atomic():
        publish_many([WidgetCounted(actor=actor, record=w, n=n) for n, w in enumerate(widgets)])
    assert counted == [0, 1, 3]
    assert "_counted" in caplog.text
    assert BusinessEvent.objects.filter(kind=WidgetCounted.code).count() == 4


def test_publish_many_takes_one_event_type() -> None:
    gear = Widget(pk=1, name="Gear")
    with pytest.raises(TypeError, match="one type"):
        publish_many(
            [
                WidgetScrapped(actor=None, record=gear),  # type: ignore[arg-type]
                WidgetCounted(actor=None, record=gear, n=1),  # type: ignore[arg-type]
            ]
        )
