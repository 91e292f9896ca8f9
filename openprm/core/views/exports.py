"""A user's background exports: the list, each one's progress, then its
download (IMP-3). Partner users export their portal lists too, so the pages
take the portal layout for them."""

from django.http import FileResponse, HttpRequest

from openprm.core.errors import NotFound
from openprm.core.exporters.models import ExportJob
from openprm.core.exporters.selectors import export_job_get
from openprm.core.exporters.tables import EXPORT_JOBS
from openprm.core.exporters.tabular import XLSX_TYPE
from openprm.core.views.generic import RecordDetail, RecordList
from openprm.core.views.pages import shared_page
from openprm.core.views.web import html_errors


class JobList(RecordList):
    """The user's background exports of the last days, newest first."""

    model = ExportJob
    spec = EXPORT_JOBS
    template_name = "core/export_job_list.html"


class JobDetail(RecordDetail):
    """An export's progress, then its download link."""

    model = ExportJob
    template_name = "core/export_job.html"
    context_object_name = "job"

    def record(self, pk: int) -> ExportJob:
        return export_job_get(actor=self.actor, pk=pk)


class JobProgress(JobDetail):
    """The HTMX-polled part of the page; polling stops once finished."""

    template_name = "core/export_job.html#progress"


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
