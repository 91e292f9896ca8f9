"""The codes of the imports app's refusals, and its typed errors: part of the
API contract, never renamed."""

from enum import StrEnum

from openprm.core.errors import ValidationFailed


class ImportErrorCode(StrEnum):
    FILE_UNREADABLE = "file_unreadable"


class UnreadableFile(ValidationFailed):
    """An uploaded file that is not a table we can read: a damaged workbook,
    binary data, a line the CSV reader refuses, no column titles or no rows.
    The message goes next to the file field (page) or under `file` (API)."""

    code = ImportErrorCode.FILE_UNREADABLE

    def __init__(self, message: str) -> None:
        super().__init__(message, field_errors={"file": [message]})
