"""A user's named filters of one list (a queue "Overdue in EMEA", "My
expiring deals"), offered as a button above that list."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

MAX_QUERY = 1000


class SavedView(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="saved_views"
    )
    list_name = models.CharField(_("list"), max_length=80)
    name = models.CharField(_("name"), max_length=60)
    query = models.CharField(_("filters"), max_length=MAX_QUERY, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "list_name", "name"], name="saved_view_name_per_list"
            )
        ]
        indexes = [models.Index(fields=["owner", "list_name"])]

    def __str__(self) -> str:
        return self.name
