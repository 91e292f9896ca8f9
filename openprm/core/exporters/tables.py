"""The list of a user's background exports (IMP-3), declared once for its
page. It has no files of its own."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.exporters.models import ExportJob
from openprm.core.exporters.selectors import export_job_list
from openprm.core.tables import Column, ListSpec, Query


def _jobs(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[ExportJob]:
    return export_job_list(actor=actor)


EXPORT_JOBS = ListSpec(
    name="core.export_jobs",
    select=_jobs,
    columns=(
        Column("created", _("Started"), sort="created_at", cell="core/cells/export_started.html"),
        Column("name", _("List"), sort="filename", cell="core/cells/export_list.html"),
        Column("status", _("Status"), lambda j: j.get_status_display(), sort="status"),
        Column("total_rows", _("Rows")),
        Column("file", _("File"), cell="core/cells/export_file.html"),
    ),
    default_sort="-created",
)
