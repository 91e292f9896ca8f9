"""Import pages: upload, map columns, start, follow progress, cancel,
download the rejected rows (IMP-1, IMP-2). Decisions are the services'."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from openprm.core.customfields.selectors import custom_fields_for
from openprm.core.errors import DomainError
from openprm.core.listing import list_context
from openprm.core.views.web import export_requested, form_add_domain_error, html_errors
from openprm.imports import selectors, services
from openprm.imports.forms import MappingForm, UploadForm
from openprm.imports.kinds import kind_get
from openprm.imports.tasks import job_start

SORTS = {"created": "created_at", "kind": "kind", "status": "status"}
JOB_COLUMNS = [
    (gettext_lazy("Started"), lambda j: j.created_at),
    (gettext_lazy("Kind"), lambda j: j.kind),
    (gettext_lazy("File"), lambda j: j.original_name),
    (gettext_lazy("Status"), lambda j: j.get_status_display()),
    (gettext_lazy("Rows"), lambda j: j.total_rows),
    (gettext_lazy("Accepted"), lambda j: j.accepted_rows),
    (gettext_lazy("Rejected"), lambda j: j.rejected_rows),
    (gettext_lazy("Skipped"), lambda j: j.skipped_rows),
]


@html_errors
def job_list(request: HttpRequest) -> HttpResponse:
    context = list_context(
        request, selectors.job_list(actor=request.actor), sortable=SORTS, default_sort="-created"
    )
    export = export_requested(request, context["ordered"], JOB_COLUMNS, "imports")
    if export is not None:
        return export
    return render(request, "imports/job_list.html", context)


@html_errors
def job_new(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            job = services.job_create(
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
    header = services.file_header(job)
    custom_names = [f.name for f in custom_fields_for(kind.record_type)] if kind.record_type else []
    form = MappingForm(
        request.POST or None,
        kind=kind,
        header=header,
        custom_names=custom_names,
        initial_mapping=job.mapping,
    )
    if request.method == "POST" and form.is_valid():
        try:
            job = services.job_set_mapping(actor=request.actor, job=job, mapping=form.mapping())
            job_start(actor=request.actor, job=job)
        except DomainError as error:
            messages_text = [m for ms in error.field_errors.values() for m in ms] or [error.message]
            for text in messages_text:
                form.add_error(None, text)
        else:
            return redirect("imports:job_detail", pk=job.pk)
    return render(request, "imports/job_mapping.html", {"job": job, "kind": kind, "form": form})


def _progress_context(request: HttpRequest, job_pk: int) -> dict[str, object]:
    job = selectors.job_get(actor=request.actor, pk=job_pk)
    rejects = selectors.job_rejects(actor=request.actor, job=job)[: selectors.REJECTS_SHOWN]
    return {"job": job, "rejects": rejects if job.finished else []}


@html_errors
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "imports/job_detail.html", _progress_context(request, pk))


@html_errors
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The HTMX-polled part of the job page; polling stops once finished."""
    return render(request, "imports/job_detail.html#progress", _progress_context(request, pk))


@require_POST
@html_errors
def job_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    job = selectors.job_get(actor=request.actor, pk=pk)
    try:
        services.job_cancel(actor=request.actor, job=job)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, _("The import will stop after the batch in progress."))
    return redirect("imports:job_detail", pk=job.pk)


@html_errors
def job_rejects(request: HttpRequest, pk: int) -> StreamingHttpResponse:
    job = selectors.job_get(actor=request.actor, pk=pk)
    response = StreamingHttpResponse(
        services.rejects_csv(job), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="import-{job.pk}-rejects.csv"'
    return response
