"""Widgets: a two-level record type hierarchy for platform tests."""

from typing import Any

from django.db import models
from django.db.models import QuerySet

from openprm.core import access
from openprm.core.bases import CustomFieldsModel, VersionedModel
from openprm.core.customfields.registry import register_record_type

register_record_type("test_widget", "Widget")
register_record_type("test_special_widget", "Special widget", parent="test_widget")


class Widget(VersionedModel, CustomFieldsModel):
    name = models.CharField(max_length=100)
    special = models.BooleanField(default=False)
    owner = models.ForeignKey("identity.User", null=True, on_delete=models.SET_NULL)

    @property
    def record_type(self) -> str:  # type: ignore[override]
        return "test_special_widget" if self.special else "test_widget"

    def __str__(self) -> str:
        return self.name


@access.register(Widget)
def _widgets(queryset: QuerySet[Widget], actor: Any) -> QuerySet[Widget]:
    """Owners see their own widgets only."""
    return queryset.filter(owner_id=actor.pk)
