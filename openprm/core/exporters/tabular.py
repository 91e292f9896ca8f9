"""CSV and Excel export of any list (IMP-3), streamed in constant memory.

No exported value can ever run as a formula. In CSV, where the spreadsheet
decides, cells starting with = + - @ tab or carriage return get an
apostrophe in front, which the importer takes off again
(`formula_restored`). An Excel cell has a type: every text is written as a
string cell and keeps its exact value (a phone stays `+1 415…`, no
apostrophe).

Memory does not grow with the row count (1,000,000 rows, docs/performance.md):
records come from the database `chunk_size` at a time (`streamed`), CSV text
leaves in blocks of CSV_BLOCK characters, and openpyxl's write-only workbook
keeps its rows in a temporary file, strings inline.
"""

import csv
import io
import tempfile
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import IO, Any

from django.db import connections, transaction
from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse

from openprm.core.sqlite_pragmas import small_page_cache

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CSV_BLOCK = 64 * 1024
PROGRESS_EVERY = 1000
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Column = tuple[str, Callable[[Any], Any]]


def safe_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, bool | int | float):
        return value
    return value if isinstance(value, str) else str(value)


def formula_restored(text: str) -> str:
    """The value `safe_cell` neutralized, as it was: an import reads back
    what an export (or a rejects file) wrote, so `'=SUM(A1)` imports as
    `=SUM(A1)`."""
    if text[:1] == "'" and text[1:2] in FORMULA_STARTS:
        return text[1:]
    return text


def rows_of(
    records: Iterable[Any], columns: Sequence[Column], cell: Callable[[Any], Any] = safe_cell
) -> Iterator[list[Any]]:
    for record in records:
        yield [cell(getter(record)) for _, getter in columns]


def streamed(queryset: QuerySet[Any], chunk_size: int) -> Iterator[Any]:
    """The queryset's records with `chunk_size` of them (and their prefetched
    relations) in memory at a time, read as the rows are consumed.

    On PostgreSQL the rows are read in a transaction: in autocommit Django
    declares its server-side cursor WITH HOLD, and PostgreSQL then runs the
    whole query and stores its result before sending the first row. SQLite
    stays in autocommit, where the open statement already reads one
    snapshot; a transaction there (BEGIN IMMEDIATE) would hold the write
    lock for the whole download. Its page cache is kept small while the
    rows are read (core.sqlite_pragmas).
    """
    if connections[queryset.db].vendor != "postgresql":
        with small_page_cache(queryset.db):
            yield from queryset.iterator(chunk_size=chunk_size)
        return
    with transaction.atomic(using=queryset.db):
        yield from queryset.iterator(chunk_size=chunk_size)


def csv_response(
    records: Iterable[Any], columns: Sequence[Column], filename: str
) -> StreamingHttpResponse:
    """The header line goes out at once, so the download starts before the
    first rows are read; rows follow in blocks of about CSV_BLOCK characters
    (a write per row made a million small writes to the socket)."""

    def blocks() -> Iterator[str]:
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        buffer.write("\ufeff")  # so Excel opens UTF-8 correctly
        writer.writerow([str(header) for header, _ in columns])
        yield _taken(buffer)
        for row in rows_of(records, columns):
            writer.writerow(row)
            if buffer.tell() >= CSV_BLOCK:
                yield _taken(buffer)
        yield _taken(buffer)

    response = StreamingHttpResponse(blocks(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    return response


def _taken(buffer: io.StringIO) -> str:
    text = buffer.getvalue()
    buffer.seek(0)
    buffer.truncate()
    return text


def xlsx_write(
    records: Iterable[Any],
    columns: Sequence[Column],
    sheet_name: str,
    handle: IO[bytes],
    written: Callable[[int], None] | None = None,
) -> None:
    """The workbook into `handle`: openpyxl's write-only mode keeps the rows
    in a temporary file until it zips them. `written(count)` hears of every
    PROGRESS_EVERY rows (a background export shows it).

    openpyxl is imported here, not with the module: every list imports this
    module, and a process that never writes a workbook should not hold it."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(sheet_name[:31])

    def typed(value: Any) -> Any:
        """Text that openpyxl would take for a formula (it starts with "=")
        goes in as a string cell; other values keep their own type."""
        if value is None:
            return ""
        if isinstance(value, bool | int | float):
            return value
        text = value if isinstance(value, str) else str(value)
        if not text.startswith("="):
            return text
        cell = WriteOnlyCell(sheet, value=text)
        cell.data_type = "s"
        return cell

    sheet.append([str(header) for header, _ in columns])
    count = 0
    for row in rows_of(records, columns, typed):
        sheet.append(row)
        count += 1
        if written is not None and count % PROGRESS_EVERY == 0:
            written(count)
    workbook.save(handle)
    if written is not None:
        written(count)


def xlsx_response(records: Iterable[Any], columns: Sequence[Column], filename: str) -> FileResponse:
    handle = tempfile.TemporaryFile()  # noqa: SIM115  closed by FileResponse
    xlsx_write(records, columns, filename, handle)
    handle.seek(0)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"{filename}.xlsx",
        content_type=XLSX_TYPE,
    )


def export_response(
    fmt: str, records: Iterable[Any], columns: Sequence[Column], filename: str
) -> StreamingHttpResponse | FileResponse:
    if fmt == "xlsx":
        return xlsx_response(records, columns, filename)
    return csv_response(records, columns, filename)
