"""Excel exports prepared in the background (IMP-3 at scale).

A large list's workbook takes minutes to build (about 3,000 rows a second),
and a browser waiting on a download that has not started shows nothing. Such
an export becomes a job: the page shows its progress and a download link
once the file is ready. The job remembers the list's name (its ListSpec),
scope and query; the worker reads the rows through the list's own selector
for the job's creator, so the file holds exactly the rows and columns that
user may see when it runs. `path` is the page it was asked from, to link
back to.
"""

from django.conf import settings
from django.db import models
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import TimestampedModel


class ExportJob(TimestampedModel):
    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        RUNNING = "running", _("Running")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.CASCADE,
        related_name="export_jobs",
    )
    path = models.CharField(_("list"), max_length=500)
    list_name = models.CharField(_("list name"), max_length=100, blank=True)
    scope = models.JSONField(_("scope"), default=dict, blank=True)
    query = models.TextField(_("query"), blank=True)
    filename = models.CharField(_("file name"), max_length=100)
    language = models.CharField(_("language"), max_length=20, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    total_rows = models.PositiveIntegerField(_("rows"), default=0)
    processed_rows = models.PositiveIntegerField(_("written"), default=0)
    file = models.FileField(_("file"), upload_to="exports/", blank=True)
    error = models.TextField(_("error"), blank=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("export")
        verbose_name_plural = _("exports")

    def __str__(self) -> str:
        return f"{self.filename} #{self.pk}"

    @property
    def percent(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total_rows:
            return 0
        return min(99, self.processed_rows * 100 // self.total_rows)

    @property
    def list_url(self) -> str:
        """The list this export was made from, as the user saw it."""
        query = QueryDict(self.query, mutable=True)
        query.pop("export", None)
        return f"{self.path}?{query.urlencode()}" if query else self.path

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)
