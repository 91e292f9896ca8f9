"""PLAT-7 custom field definitions."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import VersionedModel


class CustomFieldType(models.TextChoices):
    """What a custom field holds; at module level so the API names the enum
    `CustomFieldType` rather than a `FieldType` shared with other apps."""

    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")
    DATE = "date", _("Date")
    BOOLEAN = "boolean", _("Yes/No")
    CHOICE = "choice", _("Choice from a lookup")


class CustomField(VersionedModel):
    FieldType = CustomFieldType

    record_type = models.CharField(_("record type"), max_length=60, db_index=True)
    name = models.CharField(
        _("name"),
        max_length=50,
        validators=[
            RegexValidator(
                r"^[a-z][a-z0-9_]*$",
                _("Use lower-case letters, digits and underscores, starting with a letter."),
            )
        ],
        help_text=_("The key used in the API and in import files."),
    )
    label = models.CharField(_("label"), max_length=100)
    field_type = models.CharField(_("type"), max_length=10, choices=FieldType.choices)
    lookup_type = models.ForeignKey(
        "core.LookupType",
        verbose_name=_("lookup"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    required = models.BooleanField(_("required"), default=False)
    position = models.PositiveIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["record_type", "position", "name"]
        constraints = [
            models.UniqueConstraint(fields=["record_type", "name"], name="custom_field_name_unique")
        ]

    def __str__(self) -> str:
        return f"{self.record_type}.{self.name}"
