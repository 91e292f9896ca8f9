"""Reads of background exports: a job and its file are its creator's alone
(the file holds what that user may see, nobody else)."""

from typing import Any

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.exporters.models import ExportJob


@access.register(ExportJob)
def _own(queryset: QuerySet[ExportJob], actor: Actor) -> QuerySet[ExportJob]:
    return queryset.filter(created_by_id=actor.pk)


def export_job_get(*, actor: Actor, pk: Any) -> ExportJob:
    return access.get_visible(ExportJob, actor, pk)


def export_job_list(*, actor: Actor) -> QuerySet[ExportJob]:
    return access.visible(ExportJob, actor)
