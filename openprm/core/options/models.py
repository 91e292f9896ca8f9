"""PLAT-3 profile options: named, typed settings read by the business rules."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import VersionedModel


class ProfileOptionValueType(models.TextChoices):
    """The type of a profile option's value (PLAT-3), named for the API
    as `ProfileOptionValueType`."""

    YES_NO = "yes_no", _("Yes/No")
    CHOICE = "choice", _("Choice")
    TEXT = "text", _("Text")
    NUMBER = "number", _("Number")


class ProfileOption(VersionedModel):
    ValueType = ProfileOptionValueType

    code = models.CharField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    value_type = models.CharField(_("type"), max_length=10, choices=ValueType.choices)
    choices = models.JSONField(_("allowed values"), default=list, blank=True)
    default_value = models.CharField(_("default value"), max_length=200)
    value = models.CharField(_("value"), max_length=200)

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code

    def allowed_values(self) -> list[str]:
        if self.value_type == self.ValueType.YES_NO:
            return ["Yes", "No"]
        return list(self.choices)
