"""API shapes of imports (IMP-1, IMP-2)."""

import datetime as dt

from ninja import Schema

from openprm.core.apikit.types import Input
from openprm.imports.models import (
    ImportExisting,
    ImportJobPhase,
    ImportJobStatus,
    ImportMissingCustomers,
)


class ImportColumnOut(Schema):
    name: str
    label: str
    required: bool


class ImportKindOut(Schema):
    code: str
    label: str
    columns: list[ImportColumnOut]


class ImportJobOut(Schema):
    id: int
    kind: str
    """The code of one of `GET /import-kinds`."""
    original_name: str
    status: ImportJobStatus
    phase: ImportJobPhase
    mapping: dict[str, str]
    value_mapping: dict[str, dict[str, str]]
    missing_customers: ImportMissingCustomers
    existing: ImportExisting
    dry_run: bool
    """A dry run checked every row and wrote nothing: its counts say what
    an import would create (`accepted_rows`), update, skip and reject."""
    total_rows: int
    processed_rows: int
    accepted_rows: int
    rejected_rows: int
    skipped_rows: int
    updated_rows: int
    unchanged_rows: int
    warning_count: int
    other_kind_rows: int
    last_committed_row: int
    cancel_requested: bool
    error: str
    created_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None


class ImportStartIn(Input):
    """Column title → target field; omitted keeps the suggested mapping."""

    mapping: dict[str, str] | None = None
    missing_customers: ImportMissingCustomers | None = None
    """Contacts: a customer name no account has rejects the row (`reject`),
    creates the account (`create`) or imports the contact without it
    (`unlink`)."""
    value_mapping: dict[str, dict[str, str]] | None = None
    """Per field, the value of ours each value of the file becomes; values
    not named take their suggestion (`GET /imports/{id}/values`)."""
    existing: ImportExisting | None = None
    """A row matching an existing record (by external id, or the duplicate
    rule) skips it (`skip`) or updates the fields the file gives (`update`,
    accounts, prospects and contacts)."""
    dry_run: bool | None = None
    """Check every row and report what would happen, writing nothing."""


class RejectedRowOut(Schema):
    line: int
    reasons: list[str]
    values: list[str]


class RowWarningOut(Schema):
    """A value an imported row was imported without, and why."""

    line: int
    column: str
    value: str
    reason: str


class ValueChoiceOut(Schema):
    """A value of a choice column our rules do not read as it is, with the
    value of ours suggested for it and the options."""

    field: str
    value: str
    rows: int
    suggestion: str
    options: list[str]
