"""The downloadable reports of an import (IMP-1, IMP-3, issue 18): its
rejected rows, ready to fix and import again, and the values its rows were
imported without."""

import csv
import io
from collections.abc import Iterator

from django.utils.translation import gettext as _

from openprm.core.exporters.tabular import safe_cell
from openprm.imports.models import ImportJob, RejectedRow, RowWarning
from openprm.imports.services.file_preview import file_header


def rejects_csv(job: ImportJob) -> Iterator[str]:
    """The rejected rows with the file's own columns plus a reason column,
    ready to fix and import again; formula-looking cells are neutralized
    like every export (IMP-3), and the importer reads them back as they were."""
    header = file_header(job)
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([safe_cell(h) for h in (*header, _("Line"), _("Reason"))])
    yield "\ufeff" + flush()
    for reject in RejectedRow.objects.filter(job=job).order_by("line").iterator(chunk_size=2000):
        values = list(reject.values) + [""] * (len(header) - len(reject.values))
        cells = (*values[: len(header)], reject.line, reject.reason_text)
        writer.writerow([safe_cell(cell) for cell in cells])
        yield flush()


def warnings_csv(job: ImportJob) -> Iterator[str]:
    """The values rows were imported without (issue 18): line, the file's
    column, the value and why, neutralized like every export (IMP-3)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)

    def flush() -> str:
        text = buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
        return text

    writer.writerow([_("Line"), _("Column"), _("Value"), _("Reason")])
    yield "\ufeff" + flush()
    for warning in RowWarning.objects.filter(job=job).order_by("line", "pk").iterator(2000):
        cells = (warning.line, warning.column, warning.value, warning.reason)
        writer.writerow([safe_cell(cell) for cell in cells])
        yield flush()
