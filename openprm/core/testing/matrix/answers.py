"""An answer's body as text or cells, and the hidden texts it shows."""

import csv
import io
import re
from collections.abc import Collection
from typing import Any

from django.http import HttpResponse
from openpyxl import load_workbook

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def body_bytes(response: HttpResponse) -> bytes:
    """The body, streamed or not; a streamed body is kept for later reads."""
    if not getattr(response, "streaming", False):
        return response.content
    if not hasattr(response, "_matrix_body"):
        response._matrix_body = b"".join(response.streaming_content)  # type: ignore[attr-defined]
    return response._matrix_body  # type: ignore[attr-defined,no-any-return]


def xlsx_cells(response: HttpResponse) -> list[list[Any]]:
    workbook = load_workbook(io.BytesIO(body_bytes(response)), read_only=True)
    return [list(row) for row in workbook.worksheets[0].iter_rows(values_only=True)]


def csv_cells(response: HttpResponse) -> list[list[str]]:
    return list(csv.reader(io.StringIO(body_bytes(response).decode("utf-8-sig"))))


def answer_text(response: HttpResponse) -> str:
    """Everything a user could read in the answer: the text of a page, JSON
    or CSV, or every cell of a workbook."""
    if response.get("Content-Type", "").startswith(XLSX):
        return "\n".join(
            "\t".join(str(c) for c in row if c is not None) for row in xlsx_cells(response)
        )
    return body_bytes(response).decode("utf-8", errors="replace")


def leaks(response: HttpResponse, hidden: Collection[str]) -> list[str]:
    """The problem, if the answer names any of the `hidden` texts (as whole words)."""
    if not hidden:
        return []
    text = answer_text(response)
    shown = sorted(n for n in hidden if re.search(rf"(?<!\w){re.escape(n)}(?!\w)", text))
    return [f"shows what the actor may not see: {', '.join(shown)}"] if shown else []
