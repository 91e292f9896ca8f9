"""Abstract model bases shared by every app."""

from typing import ClassVar

from django.db import models
from django.utils.translation import gettext_lazy as _


class TimestampedModel(models.Model):
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class VersionedModel(TimestampedModel):
    """PLAT-6: every editable record carries a version that each update bumps.

    Services claim the version with a conditional UPDATE (core.records), so two
    writers starting from the same version can never both succeed.
    """

    version = models.PositiveIntegerField(_("version"), default=1, editable=False)

    class Meta:
        abstract = True


class CustomFieldsModel(models.Model):
    """PLAT-7: holds values of administrator-defined fields of a record type.

    `record_type` names the type in core.customfields.registry; values are
    validated there, never here, so a row can be loaded whatever was defined
    after it was written.
    """

    record_type: ClassVar[str]
    custom = models.JSONField(_("custom fields"), default=dict, blank=True)

    class Meta:
        abstract = True
