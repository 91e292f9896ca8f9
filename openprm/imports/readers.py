"""Reading CSV (any common dialect and encoding, detected) and Excel files (IMP-1).

Rows come out as lists of strings with their line number in the file (the
header is line 1), streamed so a big file never sits in memory. A CSV cell
our exports neutralized (`'=…`) reads as the value it was.

charset_normalizer and python-calamine are imported by the readers that use
them: the app loads this module, but only a process reading a file needs them.
"""

import csv
import datetime as dt
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from django.utils.translation import gettext as _

from openprm.core.exporters.tabular import formula_restored
from openprm.imports.errors import UnreadableFile

SAMPLE_BYTES = 64 * 1024
EXCEL_SUFFIXES = (".xlsx", ".xlsm", ".xls", ".ods")


@dataclass(frozen=True)
class Row:
    line: int
    values: list[str]


def detect_encoding(sample: bytes) -> str:
    """UTF-8 (with or without BOM) first, since it is the common case and
    charset detection on a short sample can mistake it for a legacy code page."""
    if sample.startswith(b"\xef\xbb\xbf"):
        return "utf-8-sig"
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start > len(sample) - 4:  # a character cut by the sample's end
            return "utf-8"
    from charset_normalizer import from_bytes

    best = from_bytes(sample).best()
    return best.encoding if best is not None else "latin-1"


def detect_dialect(text: str) -> type[csv.Dialect]:
    """The sniffed delimiter, with the double quote as the quote character:
    given apostrophes at the start of cells (an export's neutralized
    formulas, `'+1 415…`) the sniffer takes the apostrophe for the quote and
    splits the rows wrongly."""
    try:
        sniffed = csv.Sniffer().sniff(text, delimiters=",;\t|")
    except csv.Error:
        return csv.excel

    class Detected(csv.excel):
        delimiter = sniffed.delimiter
        skipinitialspace = sniffed.skipinitialspace

    return Detected


def _cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ") if value.time() != dt.time() else value.date().isoformat()
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value).strip()


def _checked_lines(text: Iterable[str]) -> Iterator[str]:
    """The lines of a CSV text, refusing binary data: a NUL byte never
    appears in a text file, and PostgreSQL cannot store one."""
    for number, line in enumerate(text, start=1):
        if "\x00" in line:
            raise UnreadableFile(
                _(
                    "Line %(line)s holds binary data: this is not a CSV text file. "
                    "Save it as CSV (UTF-8) or Excel and upload it again."
                )
                % {"line": number}
            )
        yield line


def _csv_rows(handle: IO[bytes]) -> Iterator[list[str]]:
    sample = handle.read(SAMPLE_BYTES)
    handle.seek(0)
    encoding = detect_encoding(sample)
    text_sample = sample.decode(encoding, errors="ignore")
    lines = text_sample.splitlines()
    dialect = detect_dialect("\n".join(lines[:50]))
    text = io.TextIOWrapper(handle, encoding=encoding, errors="replace", newline="")
    reader = csv.reader(_checked_lines(text), dialect)
    try:
        for record in reader:
            stripped = [v.strip() for v in record]
            yield [formula_restored(v) if v[:1] == "'" else v for v in stripped]
    except csv.Error as error:
        raise UnreadableFile(
            _("Line %(line)s cannot be read as CSV: %(reason)s.")
            % {"line": reader.line_num, "reason": error}
        ) from None
    finally:
        text.detach()


def _excel_rows(path: Path) -> Iterator[list[str]]:
    from python_calamine import CalamineError, CalamineWorkbook

    try:
        workbook = CalamineWorkbook.from_path(str(path))
        sheet = workbook.get_sheet_by_index(0)
    except (CalamineError, IndexError, ValueError) as error:
        raise UnreadableFile(
            _(
                "This Excel file cannot be read: it is damaged or not a workbook "
                "(%(reason)s). Save it again from Excel or LibreOffice and upload it again."
            )
            % {"reason": error}
        ) from None
    for record in sheet.iter_rows():
        yield [_cell_text(v) for v in record]


def is_excel(name: str) -> bool:
    return name.lower().endswith(EXCEL_SUFFIXES)


def _records(path: Path, name: str) -> Iterator[list[str]]:
    if is_excel(name):
        yield from _excel_rows(path)
        return
    with path.open("rb") as handle:
        yield from _csv_rows(handle)


def read_table(path: Path | str, name: str = "") -> tuple[list[str], Iterator[Row]]:
    """The header and an iterator of data rows (blank rows left out). A file
    that cannot be read raises UnreadableFile, here for its first line and
    while iterating for a later one (the import then fails with its message)."""
    path = Path(path)
    records = _records(path, name or path.name)
    try:
        header = next(records)
    except StopIteration:
        raise UnreadableFile(_("The file is empty.")) from None
    except (ValueError, OSError) as error:
        raise UnreadableFile(_("The file cannot be read: %s") % error) from None
    header = [h.strip().lstrip("\ufeff") for h in header]
    if not any(header):
        raise UnreadableFile(_("The first row of the file must hold the column titles."))

    def rows() -> Iterator[Row]:
        for number, values in enumerate(records, start=2):
            if any(values):
                yield Row(number, values + [""] * (len(header) - len(values)))

    return header, rows()


def read_upload_header(path: Path | str, name: str = "") -> list[str]:
    """The column titles of a file uploaded for import, once it is known to be
    a table with at least one data row: a file the import could not use is
    refused at upload, with its reason, instead of becoming an empty job."""
    header, rows = read_table(path, name)
    if next(rows, None) is None:
        raise UnreadableFile(_("The file has column titles but no rows to import."))
    return header
