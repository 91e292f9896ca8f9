"""The list of a user's imports (IMP-1, IMP-3), declared once for the page,
the files, the background export and the API."""

from typing import Any

from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.tables import Column, ListSpec, Query
from openprm.imports import selectors
from openprm.imports.filters import ImportJobFilter
from openprm.imports.models import ImportJob


def _jobs(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[ImportJob]:
    jobs = selectors.job_list(actor=actor)
    return filters.filter(jobs) if filters is not None else jobs


JOBS = ListSpec(
    name="imports.jobs",
    select=_jobs,
    columns=(
        Column(
            "created",
            _("Started"),
            lambda j: j.created_at,
            sort="created_at",
            cell="imports/cells/started.html",
        ),
        Column("kind", _("Kind"), sort="kind"),
        Column("file", _("File"), lambda j: j.original_name),
        Column("status", _("Status"), lambda j: j.get_status_display(), sort="status"),
        Column("total_rows", _("Rows"), shown=False),
        Column("accepted_rows", _("Accepted")),
        Column("rejected_rows", _("Rejected")),
        Column("skipped_rows", _("Skipped"), shown=False),
        Column("updated_rows", _("Updated"), shown=False),
        Column("dry_run", _("Dry run"), lambda j: str(_("Yes")) if j.dry_run else "", shown=False),
    ),
    filters=ImportJobFilter,
    default_sort="-created",
    filename="imports",
)
