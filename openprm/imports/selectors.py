"""Reads of imports, always from the access scope (a job is its creator's)."""

from typing import Any

from django.db.models import QuerySet

from openprm.contacts.models import Person
from openprm.core import access
from openprm.core.actor import Actor
from openprm.imports.kinds.contacts.rows import PERSON_MODEL
from openprm.imports.models import ImportJob, ImportKey, RejectedRow, RowWarning

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


def job_contacts_without_customer(*, actor: Actor, job: ImportJob) -> QuerySet[Person]:
    """The contacts the job imported that have no customer, which the All
    Contacts search does not find (CON-8): the import's page lists them."""
    imported = access.unscoped(ImportKey).filter(job=job, model=PERSON_MODEL)
    return (
        access.visible(Person, actor)
        .filter(pk__in=imported.values("object_id"))
        .exclude(relationships__account__isnull=False)
        .order_by("last_name", "first_name", "pk")
    )
