"""Reads of imports, always from the access scope (a job is its creator's)."""

from typing import Any

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.imports.models import ImportJob, RejectedRow, RowWarning

REJECTS_SHOWN = 200


def job_list(*, actor: Actor) -> QuerySet[ImportJob]:
    return access.visible(ImportJob, actor).order_by("-created_at", "-pk")


def job_get(*, actor: Actor, pk: Any) -> ImportJob:
    return access.get_visible(ImportJob, actor, pk)


def job_rejects(*, actor: Actor, job: ImportJob) -> QuerySet[RejectedRow]:
    return access.visible(RejectedRow, actor).filter(job=job).order_by("line")


def job_warnings(*, actor: Actor, job: ImportJob) -> QuerySet[RowWarning]:
    """The values the job's rows were imported without (issue 18)."""
    return access.visible(RowWarning, actor).filter(job=job).order_by("line", "pk")
