"""Work that runs by itself on a schedule (expiries, reminders, evaluations),
with no cron to set up.

An app marks a background task periodic in its `tasks.py`:

    @periodic(every=dt.timedelta(hours=1))
    @task()
    def registrations_housekeeping() -> None: ...

`openprm serve` calls `tick()` every few seconds. Each due task is claimed by
one conditional UPDATE of its `ScheduledRun` row, so when several servers
share the database exactly one of them enqueues it, and the task workers
(on any machine) run it. Periodic tasks must be safe to run again: a run
that died half-way is simply repeated at the next slot.
"""

import datetime as dt
import logging
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.module_loading import autodiscover_modules
from django_tasks.base import Task

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.schedule_models import ScheduledRun

T = TypeVar("T", bound=Task[Any, Any])
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Periodic:
    task: Task[Any, Any]
    every: dt.timedelta

    @property
    def name(self) -> str:
        return self.task.module_path


_periodic: dict[str, Periodic] = {}


def periodic(*, every: dt.timedelta) -> Callable[[T], T]:
    """Run the (argument-less) task once per `every`, from start-up on."""

    def register(task: T) -> T:
        entry = Periodic(task, every)
        _periodic[entry.name] = entry
        return task

    return register


def registered() -> dict[str, Periodic]:
    autodiscover_modules("tasks")
    return dict(_periodic)


def _claim(entry: Periodic, now: dt.datetime) -> bool:
    """Take this slot of `entry` unless another server took it first."""
    try:
        with transaction.atomic():
            ScheduledRun.objects.get_or_create(name=entry.name, defaults={"next_run_at": now})
    except IntegrityError:  # another server created it at the same moment
        pass
    return bool(
        ScheduledRun.objects.filter(name=entry.name, next_run_at__lte=now).update(
            next_run_at=now + entry.every, last_run_at=now
        )
    )


def tick(now: dt.datetime | None = None) -> list[str]:
    """Enqueue every periodic task whose slot has come; the names enqueued.
    A failure is logged and retried at the next tick, never raised into the
    server loop."""
    now = now or timezone.now()
    started = []
    for entry in registered().values():
        try:
            if _claim(entry, now):
                entry.task.enqueue()
                started.append(entry.name)
        except Exception:
            log.exception("Could not start the periodic task %s", entry.name)
    return started


@access.register(ScheduledRun)
def _nobody(rows: QuerySet[ScheduledRun], actor: Actor) -> QuerySet[ScheduledRun]:
    """The schedule's bookkeeping is read by the servers, never through a page."""
    return rows.none()
