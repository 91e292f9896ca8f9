"""Imports over the API (IMP-1, IMP-2): upload a file, start it in the
background, follow its progress, cancel it and read the rejected rows —
the same services the import pages call."""

import json
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import File, Form, Query, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from openprm.core.apikit.declarations import reads
from openprm.core.apikit.pagination import PagePagination
from openprm.core.apikit.types import RecordId, sort_choices
from openprm.core.errors import ValidationFailed
from openprm.imports import selectors, tables
from openprm.imports.dry_run import job_from_dry_run
from openprm.imports.filters import ImportJobFilter
from openprm.imports.kinds.base import kinds
from openprm.imports.models import ImportExisting, ImportJob
from openprm.imports.schemas import (
    ImportJobOut,
    ImportKindOut,
    ImportStartIn,
    RejectedRowOut,
    RowWarningOut,
    ValueChoiceOut,
)
from openprm.imports.services import job_control, job_setup
from openprm.imports.tasks import job_start

router = Router(tags=["imports"])


def _mapping_from_form(raw: str | None) -> dict[str, str] | None:
    if not raw:
        return None
    try:
        mapping = json.loads(raw)
    except json.JSONDecodeError:
        mapping = None
    if not isinstance(mapping, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in mapping.items()
    ):
        raise ValidationFailed(
            field_errors={"mapping": [_("Send a JSON object of column title → field name.")]}
        )
    return mapping


@router.get("/import-kinds", response=list[ImportKindOut])
def import_kind_list(request: HttpRequest) -> Any:
    return [
        {
            "code": kind.code,
            "label": str(kind.label),
            "columns": [
                {"name": c.name, "label": str(c.label), "required": c.required}
                for c in kind.columns
            ],
        }
        for kind in kinds()
    ]


@router.get("/imports", response=list[ImportJobOut])
@reads(ImportJob)
@paginate(PagePagination)
def import_job_list(
    request: HttpRequest,
    filters: Query[ImportJobFilter],
    sort: sort_choices(tables.JOBS.sortable) = tables.JOBS.default_sort,
) -> Any:
    """The caller's own imports, newest first, optionally of one status;
    sort by created, kind or status (prefix `-` for descending)."""
    return tables.JOBS.rows(actor=request.actor, query=request.GET, filters=filters, sort=sort)


@router.post("/imports", response={201: ImportJobOut})
def import_job_create(
    request: HttpRequest,
    file: File[UploadedFile],
    kind: Form[str],
    mapping: Form[str] = "",
    start: Form[bool] = True,
    existing: Form[ImportExisting] = ImportExisting.SKIP,
    dry_run: Form[bool] = False,
) -> Any:
    """Upload a CSV or Excel file. `mapping` is a JSON object of column title
    → field (suggested from the headers, or a recognised Salesforce, HubSpot
    or Odoo export's preset, when omitted); with `start` the import runs in
    the background at once, each value of a choice column mapped as
    suggested (`GET /imports/{id}/values`). `existing=update` updates the
    records rows match instead of skipping them; `dry_run` checks every row
    and reports what would happen without writing anything — then
    `POST /imports/{id}/import` imports the file for real."""
    with transaction.atomic():
        job = job_setup.job_create(
            actor=request.actor,
            kind=kind,
            upload=file,
            mapping=_mapping_from_form(mapping),
            existing=existing,
            dry_run=dry_run,
        )
        if start:
            job_setup.job_set_values(
                actor=request.actor, job=job, value_mapping={}, with_suggestions=True
            )
            job_start(actor=request.actor, job=job)
    return Status(201, job)


@router.get("/imports/{job_id}", response=ImportJobOut)
@reads(ImportJob)
def import_job_get(request: HttpRequest, job_id: RecordId) -> ImportJob:
    return selectors.job_get(actor=request.actor, pk=job_id)


@router.post("/imports/{job_id}/start", response=ImportJobOut)
def import_job_start(request: HttpRequest, job_id: RecordId, payload: ImportStartIn) -> Any:
    job = selectors.job_get(actor=request.actor, pk=job_id)
    with transaction.atomic():
        options = (payload.missing_customers, payload.existing, payload.dry_run)
        if payload.mapping is not None or any(o is not None for o in options):
            job = job_setup.job_set_mapping(
                actor=request.actor,
                job=job,
                mapping=job.mapping if payload.mapping is None else payload.mapping,
                missing_customers=payload.missing_customers,
                existing=payload.existing,
                dry_run=payload.dry_run,
            )
        job = job_setup.job_set_values(
            actor=request.actor,
            job=job,
            value_mapping=payload.value_mapping or {},
            with_suggestions=True,
        )
        job = job_start(actor=request.actor, job=job)
    return job


@router.post("/imports/{job_id}/import", response={201: ImportJobOut})
def import_job_from_dry_run(request: HttpRequest, job_id: RecordId) -> Any:
    """Import a finished dry run's file for real: a new import with its
    mapping and options, started in the background."""
    job = selectors.job_get(actor=request.actor, pk=job_id)
    with transaction.atomic():
        real = job_from_dry_run(actor=request.actor, job=job)
        real = job_start(actor=request.actor, job=real)
    return Status(201, real)


@router.get("/imports/{job_id}/values", response=list[ValueChoiceOut])
@reads(ImportJob)
def import_job_values(request: HttpRequest, job_id: RecordId) -> Any:
    """The values of the mapped choice columns our rules do not read as they
    are, each with a suggested value of ours: send the choices as
    `value_mapping` to start."""
    job = selectors.job_get(actor=request.actor, pk=job_id)
    return [
        {
            "field": c.field,
            "value": c.value,
            "rows": c.rows,
            "suggestion": c.suggestion,
            "options": [code for code, _label in c.options],
        }
        for c in job_setup.job_value_choices(actor=request.actor, job=job)
    ]


@router.post("/imports/{job_id}/cancel", response=ImportJobOut)
def import_job_cancel(request: HttpRequest, job_id: RecordId) -> ImportJob:
    job = selectors.job_get(actor=request.actor, pk=job_id)
    return job_control.job_cancel(actor=request.actor, job=job)


@router.get("/imports/{job_id}/rejects", response=list[RejectedRowOut])
@reads(ImportJob)
@paginate(PagePagination)
def import_job_rejects(request: HttpRequest, job_id: RecordId) -> Any:
    job = selectors.job_get(actor=request.actor, pk=job_id)
    return selectors.job_rejects(actor=request.actor, job=job)


@router.get("/imports/{job_id}/warnings", response=list[RowWarningOut])
@reads(ImportJob)
@paginate(PagePagination)
def import_job_warnings(request: HttpRequest, job_id: RecordId) -> Any:
    """The values imported rows were left without: line, column, value, reason."""
    job = selectors.job_get(actor=request.actor, pk=job_id)
    return selectors.job_warnings(actor=request.actor, job=job)
