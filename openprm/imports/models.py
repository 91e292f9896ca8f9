"""Import jobs, their rejected rows, saved column mappings and imported keys (IMP-1, IMP-2).

A job commits its accepted rows in batches; each batch commits together with
`last_committed_row`, so a job killed mid-import says exactly where it
stopped and `openprm import --resume` continues from there. `ImportKey`
remembers the external id (or natural key) of every record an import
created, which makes re-running a file create no duplicates.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import TimestampedModel


class ImportJobStatus(models.TextChoices):
    """Named at module level, as the API's enums are (the OpenAPI document
    files an enum under its class name: a nested `Status` would be one
    schema with every other app's `Status`), like the other choices here."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")
    CANCELLED = "cancelled", _("Cancelled")


class ImportJobPhase(models.TextChoices):
    """Rows first; then the links between the rows just imported (a
    parent named further down the file)."""

    ROWS = "rows", _("Rows")
    LINKS = "links", _("Links")


class ImportMissingCustomers(models.TextChoices):
    REJECT = "reject", _("Reject the contact")
    CREATE = "create", _("Create the account")
    UNLINK = "unlink", _("Import the contact without a customer")


class ImportExisting(models.TextChoices):
    SKIP = "skip", _("Skip the row")
    UPDATE = "update", _("Update the record with the file's values")


class ImportJob(TimestampedModel):
    Status = ImportJobStatus
    Phase = ImportJobPhase
    MissingCustomers = ImportMissingCustomers
    Existing = ImportExisting

    kind = models.CharField(_("kind"), max_length=40)
    file = models.FileField(_("file"), upload_to="imports/")
    original_name = models.CharField(_("file name"), max_length=255, blank=True)
    mapping = models.JSONField(_("column mapping"), default=dict, blank=True)
    value_mapping = models.JSONField(
        _("value mapping"),
        default=dict,
        blank=True,
        help_text=_("Per field, the value stored for each value of the file."),
    )
    missing_customers = models.CharField(
        _("when a contact's customer is not an account"),
        max_length=8,
        choices=MissingCustomers.choices,
        default=MissingCustomers.REJECT,
    )
    existing = models.CharField(
        _("when a row matches an existing record"),
        max_length=8,
        choices=Existing.choices,
        default=Existing.SKIP,
    )
    dry_run = models.BooleanField(
        _("dry run"),
        default=False,
        help_text=_("Checks every row as an import would and writes nothing."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    phase = models.CharField(_("phase"), max_length=20, default=Phase.ROWS)
    cancel_requested = models.BooleanField(_("cancel requested"), default=False)
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("processed"), default=0)
    accepted_rows = models.PositiveIntegerField(_("accepted"), default=0)
    rejected_rows = models.PositiveIntegerField(_("rejected"), default=0)
    skipped_rows = models.PositiveIntegerField(_("already imported"), default=0)
    updated_rows = models.PositiveIntegerField(_("updated"), default=0)
    unchanged_rows = models.PositiveIntegerField(_("unchanged"), default=0)
    warning_count = models.PositiveIntegerField(_("values left out"), default=0)
    other_kind_rows = models.PositiveIntegerField(
        _("rows of the other kind"),
        default=0,
        help_text=_(
            "People in an accounts import of a combined export, or companies in a contacts one."
        ),
    )
    last_committed_row = models.PositiveIntegerField(
        _("last committed line"), default=0, help_text=_("Where a stopped import resumes.")
    )
    error = models.TextField(_("error"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.CASCADE,
        related_name="import_jobs",
    )
    started_at = models.DateTimeField(_("started"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.kind} #{self.pk}"

    @property
    def percent(self) -> int:
        if not self.total_rows:
            return 100 if self.status == self.Status.DONE else 0
        return min(100, self.processed_rows * 100 // self.total_rows)

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED, self.Status.CANCELLED)


class RejectedRow(models.Model):
    """A row that was not imported, with its line number, reasons and raw values."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="rejects")
    line = models.PositiveIntegerField(_("line"))
    reasons = models.JSONField(_("reasons"), default=list)
    values = models.JSONField(_("values"), default=list)

    class Meta:
        ordering = ["job", "line"]
        indexes = [models.Index(fields=["job", "line"])]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.line}"

    @property
    def reason_text(self) -> str:
        return "; ".join(self.reasons)


class RowWarning(models.Model):
    """A value an imported row was imported without, and why: the file's
    column, the value and the rule's message (issue 18)."""

    job = models.ForeignKey(ImportJob, on_delete=models.CASCADE, related_name="warnings")
    line = models.PositiveIntegerField(_("line"))
    column = models.CharField(_("column"), max_length=255)
    value = models.TextField(_("value"), blank=True)
    reason = models.TextField(_("reason"))

    class Meta:
        ordering = ["job", "line", "pk"]
        indexes = [models.Index(fields=["job", "line"])]

    def __str__(self) -> str:
        return f"{self.job_id}:{self.line}:{self.column}"


class SavedMapping(TimestampedModel):
    """The column mapping a user last used for a kind, offered again next time."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_mappings"
    )
    kind = models.CharField(max_length=40)
    mapping = models.JSONField(default=dict)
    values = models.JSONField(default=dict)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "kind"], name="import_mapping_per_user_kind")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}:{self.kind}"


class ImportKey(models.Model):
    """The external id or natural key of a record created by an import.

    Unique per model and importing user (a key is an id in the user's source
    system, and a user must not learn of records it cannot see), so the same
    row imported twice is recognised and skipped. `parent_key` holds an
    account's parent reference until the second pass links it (parents may
    come after their children in a file). The job has no index of its own:
    the (job, line) index serves lookups by job. The record index carries the
    user, so the caller's key of one record is three equalities read oldest
    first from the index; with two, SQLite without statistics walked all the
    user's keys instead (12 ms a read at 40,000 keys).
    """

    model = models.CharField(max_length=60)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    key = models.CharField(max_length=300)
    object_id = models.BigIntegerField()
    job = models.ForeignKey(
        ImportJob,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="keys",
        db_index=False,
    )
    line = models.PositiveIntegerField(default=0)
    parent_key = models.CharField(max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["model", "user", "key"], name="import_key_unique_per_model_user"
            )
        ]
        indexes = [
            models.Index(fields=["job", "line"]),
            models.Index(fields=["model", "object_id", "user"], name="import_key_record_user"),
        ]

    def __str__(self) -> str:
        return f"{self.model}:{self.key}"
