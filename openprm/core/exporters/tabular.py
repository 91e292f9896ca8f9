"""CSV and Excel export of any list (IMP-3), streamed in constant memory.

Cells that a spreadsheet would read as a formula (starting with = + - @ tab
or carriage return) are prefixed with an apostrophe, so an exported value can
never run as a formula.
"""

import csv
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import Any

from django.http import FileResponse, StreamingHttpResponse
from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Column = tuple[str, Callable[[Any], Any]]


def safe_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, bool | int | float):
        return value
    return value if isinstance(value, str) else str(value)


def rows_of(records: Iterable[Any], columns: Sequence[Column]) -> Iterator[list[Any]]:
    for record in records:
        yield [safe_cell(getter(record)) for _, getter in columns]


class _Echo:
    def write(self, value: str) -> str:
        return value


def csv_response(
    records: Iterable[Any], columns: Sequence[Column], filename: str
) -> StreamingHttpResponse:
    writer = csv.writer(_Echo())

    def lines() -> Iterator[str]:
        yield "\ufeff"  # so Excel opens UTF-8 correctly
        yield writer.writerow([header for header, _ in columns])
        for row in rows_of(records, columns):
            yield writer.writerow(row)

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def xlsx_response(records: Iterable[Any], columns: Sequence[Column], filename: str) -> FileResponse:
    """openpyxl's write-only mode streams rows to a temporary file."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(filename[:31])
    sheet.append([header for header, _ in columns])
    for row in rows_of(records, columns):
        sheet.append(row)
    handle = tempfile.TemporaryFile()  # noqa: SIM115  closed by FileResponse
    workbook.save(handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


def export_response(
    fmt: str, records: Iterable[Any], columns: Sequence[Column], filename: str
) -> StreamingHttpResponse | FileResponse:
    if fmt == "xlsx":
        return xlsx_response(records, columns, filename)
    return csv_response(records, columns, filename)
