"""Import pages: the list of imports, upload, map columns, start, follow
progress, cancel, download the rejected rows (IMP-1, IMP-2). Decisions are
the services'."""

from typing import Any

from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy

from openprm.core.customfields.selectors import custom_fields_for
from openprm.core.errors import DomainError
from openprm.core.views.editing import RecordAction
from openprm.core.views.generic import RecordDetail, RecordList
from openprm.core.views.web import form_add_domain_error, html_errors
from openprm.imports import reports, selectors, tables
from openprm.imports.dry_run import job_from_dry_run
from openprm.imports.forms import MappingForm, UploadForm, ValueMappingForm
from openprm.imports.kinds import kind_get
from openprm.imports.models import ImportJob
from openprm.imports.presets import detect
from openprm.imports.services import file_preview, job_control, job_setup
from openprm.imports.tasks import job_start


class JobList(RecordList):
    """IMP-1: the user's own imports, newest first."""

    model = ImportJob
    spec = tables.JOBS
    template_name = "imports/job_list.html"


@html_errors
def job_new(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = job_setup.job_create(
                actor=request.actor,
                kind=form.cleaned_data["kind"],
                upload=form.cleaned_data["file"],
            )
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            return redirect("imports:job_mapping", pk=job.pk)
    return render(request, "imports/job_new.html", {"form": form})


@html_errors
def job_mapping(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_get(actor=request.actor, pk=pk)
    if job.started_at or job.status != job.Status.QUEUED:
        return redirect("imports:job_detail", pk=job.pk)
    kind = kind_get(job.kind)
    header = file_preview.file_header(job)
    custom_names = [f.name for f in custom_fields_for(kind.record_type)] if kind.record_type else []
    form = MappingForm(
        request.POST or None,
        kind=kind,
        header=header,
        custom_names=custom_names,
        initial_mapping=job.mapping,
        samples=file_preview.file_samples(job),
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = job_setup.job_set_mapping(
                actor=request.actor,
                job=job,
                mapping=form.mapping(),
                missing_customers=form.cleaned_data.get("missing_customers") or None,
                existing=form.cleaned_data.get("existing") or None,
                dry_run=form.cleaned_data["dry_run"],
            )
            if job_setup.job_value_choices(actor=request.actor, job=job):
                return redirect("imports:job_values", pk=job.pk)
            job_start(actor=request.actor, job=job)
        except DomainError as error:
            messages_text = [m for ms in error.field_errors.values() for m in ms] or [error.message]
            for text in messages_text:
                form.add_error(None, text)
        else:
            return redirect("imports:job_detail", pk=job.pk)
    context = {"job": job, "kind": kind, "form": form, "preset": detect(job.kind, header)}
    return render(request, "imports/job_mapping.html", context)


@html_errors
def job_values(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue 18: the file's values of choice columns, each mapped to one of
    ours (suggested), then the import starts."""
    job = selectors.job_get(actor=request.actor, pk=pk)
    if job.started_at or job.status != job.Status.QUEUED:
        return redirect("imports:job_detail", pk=job.pk)
    choices = job_setup.job_value_choices(actor=request.actor, job=job)
    form = ValueMappingForm(request.POST or None, choices=choices)
    if request.method == "POST" and form.is_valid():
        try:
            job = job_setup.job_set_values(
                actor=request.actor, job=job, value_mapping=form.value_mapping()
            )
            job_start(actor=request.actor, job=job)
        except DomainError as error:
            form_add_domain_error(form, error)
        else:
            return redirect("imports:job_detail", pk=job.pk)
    context = {"job": job, "kind": kind_get(job.kind), "form": form}
    return render(request, "imports/job_values.html", context)


class JobDetail(RecordDetail):
    """IMP-2: the job's progress, then the first rejected rows once it ends."""

    model = ImportJob
    template_name = "imports/job_detail.html"
    context_object_name = "job"

    def record(self, pk: int) -> ImportJob:
        return selectors.job_get(actor=self.actor, pk=pk)

    def tab_context(self, record: ImportJob, tab: str) -> dict[str, Any]:
        if not record.finished:
            return {"rejects": [], "warnings": []}
        rejects = selectors.job_rejects(actor=self.actor, job=record)
        warnings = selectors.job_warnings(actor=self.actor, job=record)
        unlinked = selectors.job_contacts_without_customer(actor=self.actor, job=record)
        return {
            "rejects": rejects[: selectors.REJECTS_SHOWN],
            "warnings": warnings[: selectors.REJECTS_SHOWN],
            "unlinked": unlinked[: selectors.REJECTS_SHOWN],
            "unlinked_count": unlinked.count(),
        }


class JobProgress(JobDetail):
    """The HTMX-polled part of the job page; polling stops once finished."""

    template_name = "imports/job_detail.html#progress"


class JobCancel(RecordAction):
    """IMP-2: the import stops after the batch in progress."""

    model = ImportJob
    action = "cancel"
    success_message = gettext_lazy("The import will stop after the batch in progress.")

    def record(self, pk: int) -> ImportJob:
        return selectors.job_get(actor=self.actor, pk=pk)

    def perform(self, record: ImportJob, form: Any) -> None:
        job_control.job_cancel(actor=self.actor, job=record)

    def success_url(self, record: ImportJob) -> str:
        return reverse("imports:job_detail", kwargs={"pk": record.pk})


class JobImport(RecordAction):
    """Issue 18: a finished dry run's file imported for real, as a new import."""

    model = ImportJob
    success_message = gettext_lazy("The import has started.")

    def record(self, pk: int) -> ImportJob:
        return selectors.job_get(actor=self.actor, pk=pk)

    def perform(self, record: ImportJob, form: Any) -> None:
        self.real = job_start(actor=self.actor, job=job_from_dry_run(actor=self.actor, job=record))

    def success_url(self, record: ImportJob) -> str:
        return reverse("imports:job_detail", kwargs={"pk": self.real.pk})

    def refused_url(self, record: ImportJob) -> str:
        return reverse("imports:job_detail", kwargs={"pk": record.pk})


@html_errors
def job_rejects(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    job = selectors.job_get(actor=request.actor, pk=pk)
    response = StreamingHttpResponse(
        reports.rejects_csv(job), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-rejects.csv"'
    return response


@html_errors
def job_warnings(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    """The values rows were imported without, as CSV (issue 18)."""
    job = selectors.job_get(actor=request.actor, pk=pk)
    response = StreamingHttpResponse(
        reports.warnings_csv(job), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-warnings.csv"'
    return response
