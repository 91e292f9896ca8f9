"""The background jobs block of the administrator's home page: tasks
waiting, running and failed (imports, exports, realignments all run as
tasks of the worker `openprm serve` starts).

Task results belong to nobody: they are the system's own rows, read
unscoped here behind View System Health, the one privilege that shows them.
"""

import datetime as dt
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone
from django_tasks.base import TaskResultStatus

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.catalog import VIEW_SYSTEM_HEALTH
from openprm.core.privileges import require_privilege

FAILED_WITHIN = dt.timedelta(days=7)
RECENT_FAILURES = 5


def background_jobs_health(*, actor: Actor) -> dict[str, Any]:
    """Tasks queued and running now, tasks failed in the last seven days
    and the latest of those failures (the task and the error's class)."""
    from django_tasks_db.models import DBTaskResult  # models load after settings

    require_privilege(actor, VIEW_SYSTEM_HEALTH)
    since = timezone.now() - FAILED_WITHIN
    results = access.unscoped(DBTaskResult)
    failed = Q(status=TaskResultStatus.FAILED, finished_at__gte=since)
    counts = dict(
        results.filter(Q(status__in=(TaskResultStatus.READY, TaskResultStatus.RUNNING)) | failed)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )
    failures = [
        {
            "task": path.rsplit(".", 1)[-1].replace("_", " "),
            "error": error.rsplit(".", 1)[-1],
            "at": finished,
        }
        for path, error, finished in results.filter(failed)
        .order_by("-finished_at")
        .values_list("task_path", "exception_class_path", "finished_at")[:RECENT_FAILURES]
    ]
    return {
        "queued": counts.get(TaskResultStatus.READY, 0),
        "running": counts.get(TaskResultStatus.RUNNING, 0),
        "failed": counts.get(TaskResultStatus.FAILED, 0),
        "failures": failures,
        "failed_days": FAILED_WITHIN.days,
    }
