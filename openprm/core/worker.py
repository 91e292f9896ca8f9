"""The background-task worker `openprm serve` runs, and what becomes of the
tasks of a worker that died.

A worker killed in the middle of a task (SIGKILL, out of memory) never
records an end: its task result stayed "running", and so did the export,
import or realignment it was writing, whose page then polled forever.
`openprm serve` starts its worker under a known id and, when the worker
dies, marks that worker's running tasks failed, lets each task's job say so
(or resume: `when_abandoned`), and starts a new worker.
"""

import os
import socket
import sys
from collections.abc import Callable
from typing import Any

from django.utils.module_loading import autodiscover_modules
from django_tasks.base import Task, TaskResultStatus

Abandoned = Callable[..., None]
_handlers: dict[str, Abandoned] = {}


class WorkerDied(Exception):
    """Recorded on a task whose worker died while running it."""


def when_abandoned(task: Task[Any, Any]) -> Callable[[Abandoned], Abandoned]:
    """Register what to do, with the task's own arguments, when the worker
    running `task` dies."""

    def register(handler: Abandoned) -> Abandoned:
        _handlers[task.module_path] = handler
        return handler

    return register


def worker_id(number: int) -> str:
    """Unique among the workers of every `openprm serve` sharing the database."""
    return f"{socket.gethostname()}:{os.getpid()}:{number}"


def worker_command(identifier: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "openprm.cli",
        "db_worker",
        "--interval",
        "0.5",
        "--worker-id",
        identifier,
    ]


def tasks_abandoned(identifier: str) -> int:
    """Fail the tasks the dead worker `identifier` was running and tell
    their jobs; the number of tasks."""
    from django_tasks_db.models import DBTaskResult  # models load after settings

    autodiscover_modules("tasks")  # where the handlers are registered
    running = DBTaskResult.objects.filter(status=TaskResultStatus.RUNNING)
    found = [result for result in running if result.worker_ids[-1:] == [identifier]]
    for result in found:
        result.set_failed(WorkerDied(f"The task worker {identifier} stopped."))
        handler = _handlers.get(result.task_path)
        if handler is not None:
            handler(*result.args_kwargs["args"], **result.args_kwargs["kwargs"])
    return len(found)


def abandoned_before(task: Task[Any, Any], *args: Any) -> int:
    """How often `task` with these arguments was already abandoned."""
    from django_tasks_db.models import DBTaskResult

    failed = DBTaskResult.objects.filter(
        task_path=task.module_path,
        status=TaskResultStatus.FAILED,
        exception_class_path=f"{WorkerDied.__module__}.{WorkerDied.__qualname__}",
    )
    return sum(1 for result in failed if result.args_kwargs["args"] == list(args))
