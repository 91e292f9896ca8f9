"""A user's background exports: the list, each one's progress, then its
download (IMP-3). Partner users export their portal lists too, so the pages
take the portal layout for them."""

from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import render

from openprm.core.errors import NotFound
from openprm.core.exporters.selectors import export_job_get, export_job_list
from openprm.core.exporters.tabular import XLSX_TYPE
from openprm.core.listing import list_context
from openprm.core.views.pages import shared_page
from openprm.core.views.web import html_errors

SORTS = {"created": "created_at", "name": "filename", "status": "status"}


def _context(request: HttpRequest, pk: int) -> dict[str, object]:
    return {"job": export_job_get(actor=request.actor, pk=pk)}


@shared_page
@html_errors
def job_list(request: HttpRequest) -> HttpResponse:
    """The user's background exports of the last days, newest first."""
    context = list_context(
        request, export_job_list(actor=request.actor), sortable=SORTS, default_sort="-created"
    )
    return render(request, "core/export_job_list.html", context)


@shared_page
@html_errors
def job_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return render(request, "core/export_job.html", _context(request, pk))


@shared_page
@html_errors
def job_progress(request: HttpRequest, pk: int) -> HttpResponse:
    """The HTMX-polled part of the page; polling stops once finished."""
    return render(request, "core/export_job.html#progress", _context(request, pk))


@shared_page
@html_errors
def job_download(request: HttpRequest, pk: int) -> FileResponse:
    job = export_job_get(actor=request.actor, pk=pk)
    if not job.file:
        raise NotFound()
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=f"{job.filename}.xlsx",
        content_type=XLSX_TYPE,
    )
