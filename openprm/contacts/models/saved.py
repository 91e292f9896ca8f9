"""What a user keeps to find contacts again: favorites and saved searches
(CON-7)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from openprm.contacts.models.persons import Person
from openprm.core.bases import TimestampedModel, VersionedModel


class Favorite(TimestampedModel):
    """CON-6: a user's favorite contact; favorites are per user."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="favorite_contacts"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="favorites")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "person"], name="favorite_contact_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user_id}★{self.person_id}"


class SavedSearch(VersionedModel):
    """CON-7: a named contact search. Predefined ones (`code` set, no owner)
    are seeded by migration and can be neither changed nor deleted."""

    code = models.CharField(max_length=40, unique=True, null=True, blank=True, editable=False)
    name = models.CharField(_("name"), max_length=100)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="contact_saved_searches",
    )
    criteria = models.JSONField(_("filters"), default=dict, blank=True)
    position = models.PositiveIntegerField(default=100)

    class Meta:
        ordering = ["position", "name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["owner", "name"],
                condition=Q(owner__isnull=False),
                name="saved_search_name_per_owner",
            )
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def predefined(self) -> bool:
        return bool(self.code)
