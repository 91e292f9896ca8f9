"""Typed business events and the one registry of their subscribers.

An app declares the facts it records as frozen dataclasses in its
`events.py` (DESIGN.md), each with a stable `code` (stored on the record's
timeline, read by API clients) and a translatable `label` (shown in the
history). A service calls `publish(event)` inside its transaction: the event
joins the record's timeline at once, and subscribers — notifications and
dashboards — run only after the transaction commits, so they never act on a
write that was rolled back. A failing subscriber is logged and does not undo
or fail the write that already committed.

A service that records the same fact for many records at once (a tier
evaluation moving 9,000 partners up) calls `publish_many`: the timeline
rows are written in bulk inserts, and each subscriber is scheduled once for
the batch and still called with every event, one by one, after commit; a
failure on one event is logged and the others are still delivered.
"""

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from functools import partial, update_wrapper
from typing import Any, ClassVar, TypeVar

from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction

from openprm.core.actor import Actor
from openprm.core.audit.models import BusinessEvent
from openprm.core.audit.services import event_record, event_records

logger = logging.getLogger(__name__)

_types: dict[str, type["Event"]] = {}
_subscribers: dict[type["Event"], list[Callable[[Any], None]]] = {}

E = TypeVar("E", bound="Event")


@dataclass(frozen=True, kw_only=True)
class Event:
    """Something that happened to `record`, done by `actor`; a subclass's own
    fields are the event's data."""

    code: ClassVar[str]
    label: ClassVar[Any]

    actor: Actor
    record: models.Model

    def __init_subclass__(cls, **kwargs: Any) -> None:
        """One code, one event type: a second type reusing a code would make
        the stored timeline ambiguous, so it stops start-up."""
        super().__init_subclass__(**kwargs)
        known = _types.get(cls.code)
        if known is not None and _name(known) != _name(cls):
            raise ImproperlyConfigured(
                f"business event {cls.code!r} is declared by both {_name(known)} and {_name(cls)}"
            )
        _types[cls.code] = cls

    def data(self) -> dict[str, Any]:
        return {
            f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("actor", "record")
        }


def _name(event_type: type[Event]) -> str:
    return f"{event_type.__module__}.{event_type.__qualname__}"


def event_label(code: str) -> Any:
    """The human name of a stored event code; the code itself for one no app
    declares (any more), so the history never shows a blank."""
    event_type = _types.get(code)
    return event_type.label if event_type is not None else code


def subscribe(event_type: type[E]) -> Callable[[Callable[[E], None]], Callable[[E], None]]:
    """Decorator: call the function with every published event of this type
    (or of a subtype; `Event` itself means every event), after commit."""

    def register(subscriber: Callable[[E], None]) -> Callable[[E], None]:
        _subscribers.setdefault(event_type, []).append(subscriber)
        return subscriber

    return register


def publish(event: Event) -> BusinessEvent:
    """Record the event on its record's timeline and schedule its subscribers
    for after the surrounding transaction commits (at once outside one)."""
    entry = event_record(
        actor=event.actor, instance=event.record, kind=event.code, data=event.data()
    )
    for subscriber in _subscribers_of(type(event)):
        delivery = update_wrapper(partial(subscriber, event), subscriber)
        transaction.on_commit(delivery, robust=True)
    return entry


def _subscribers_of(event_type: type[Event]) -> list[Callable[[Any], None]]:
    return [
        subscriber for known in event_type.__mro__ for subscriber in _subscribers.get(known, ())
    ]


def _deliver_each(subscriber: Callable[[Any], None], events: Sequence[Event]) -> None:
    """Every event to the subscriber; one that fails is logged, the next
    is still delivered (as `publish`'s robust delivery does)."""
    for event in events:
        try:
            subscriber(event)
        except Exception:
            logger.exception(
                "Subscriber %s failed on %s of %s",
                getattr(subscriber, "__qualname__", subscriber),
                event.code,
                event.record.pk,
            )


def publish_many(events: Sequence[E]) -> list[BusinessEvent]:
    """`publish` for many events of one type: their timeline rows in bulk
    inserts, and each subscriber scheduled once, after commit, to receive
    every event in order."""
    if not events:
        return []
    event_type = type(events[0])
    if any(type(event) is not event_type for event in events):
        raise TypeError("publish_many takes events of one type; publish each type apart")
    entries = event_records(
        [(event.actor, event.record, event.code, event.data()) for event in events]
    )
    batch = tuple(events)
    for subscriber in _subscribers_of(event_type):
        delivery = update_wrapper(partial(_deliver_each, subscriber, batch), subscriber)
        transaction.on_commit(delivery, robust=True)
    return entries
