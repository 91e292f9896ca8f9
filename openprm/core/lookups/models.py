"""PLAT-4 lookups: types with ordered values; a value can carry tags."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import VersionedModel


class LookupType(VersionedModel):
    code = models.CharField(_("code"), max_length=60, unique=True)
    name = models.CharField(_("name"), max_length=120)
    description = models.TextField(_("description"), blank=True)
    system = models.BooleanField(
        _("system"), default=False, help_text=_("Rules rely on it; it cannot be deleted.")
    )

    class Meta:
        ordering = ["code"]

    def __str__(self) -> str:
        return self.code


class LookupValue(VersionedModel):
    lookup_type = models.ForeignKey(LookupType, on_delete=models.CASCADE, related_name="values")
    code = models.CharField(_("code"), max_length=60)
    meaning = models.CharField(_("meaning"), max_length=200)
    position = models.PositiveIntegerField(_("position"), default=0)
    tags = models.JSONField(_("tags"), default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["lookup_type", "position", "code"]
        constraints = [
            models.UniqueConstraint(fields=["lookup_type", "code"], name="lookup_value_code_unique")
        ]

    def __str__(self) -> str:
        return self.meaning

    def has_tag(self, tag: str) -> bool:
        return tag.upper() in {t.upper() for t in self.tags}
