"""The imports app's blocks of the home pages (core.home): the imports and
exports a user started (IMP-2, IMP-3), and for the administrator every
import of the last days with its outcome (IMP-1)."""

import datetime as dt
from typing import Any

from django.db.models import Count, Sum
from django.urls import reverse
from django.utils import timezone

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.catalog import VIEW_SYSTEM_HEALTH
from openprm.core.exporters.selectors import export_job_list
from openprm.core.privileges import require_privilege
from openprm.imports.models import ImportJob
from openprm.imports.selectors import job_list

RECENT = 5
HEALTH_DAYS = 30


def my_jobs(*, actor: Actor) -> dict[str, Any]:
    """The latest imports and background exports the actor started, with
    their status and progress; each links to its own page."""
    return {
        "imports": list(job_list(actor=actor)[:RECENT]),
        "exports": list(export_job_list(actor=actor).order_by("-created_at", "-pk")[:RECENT]),
        "imports_url": reverse("imports:job_list"),
        "exports_url": reverse("exports:job_list"),
        "new_url": reverse("imports:job_new"),
    }


def import_health(*, actor: Actor) -> dict[str, Any]:
    """Every user's imports of the last thirty days: how many ended how,
    the rows they rejected, and the latest ones with who started them.

    Jobs belong to their creators (a rejected row holds what they
    uploaded), so this reads them unscoped behind View System Health and
    shows no row content, only the outcome."""
    require_privilege(actor, VIEW_SYSTEM_HEALTH)
    since = timezone.now() - dt.timedelta(days=HEALTH_DAYS)
    recent = access.unscoped(ImportJob).filter(created_at__gte=since)
    by_status = dict(recent.order_by().values_list("status").annotate(n=Count("pk")))
    latest = list(recent.select_related("created_by").order_by("-created_at", "-pk")[:RECENT])
    return {
        "statuses": [
            (value, label, by_status.get(value, 0)) for value, label in ImportJob.Status.choices
        ],
        "total": sum(by_status.values()),
        "rejected": recent.aggregate(n=Sum("rejected_rows"))["n"] or 0,
        "latest": [
            (job, reverse("imports:job_detail", kwargs={"pk": job.pk}))
            if job.created_by_id == actor.pk
            else (job, "")
            for job in latest
        ],
        "days": HEALTH_DAYS,
    }
