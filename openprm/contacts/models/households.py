"""Households of B2C persons (CUS-10)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from openprm.contacts.models.persons import Person
from openprm.contacts.normalize import search_key
from openprm.core.bases import TimestampedModel, VersionedModel


class Household(VersionedModel):
    """CUS-1: a customer that is a group of persons."""

    name = models.CharField(_("name"), max_length=200)
    name_search = models.CharField(max_length=200, editable=False, db_index=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="owned_households",
    )

    class Meta:
        ordering = ["name_search", "pk"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args: object, **kwargs: object) -> None:
        self.name_search = search_key(self.name)
        super().save(*args, **kwargs)  # type: ignore[arg-type]


class HouseholdRole(models.TextChoices):
    """A member's place in its household (CUS-10), the API's `HouseholdRole`."""

    HEAD = "head", _("Head of household")
    MEMBER = "member", _("Member")


class HouseholdMembership(TimestampedModel):
    """A person in a household; deleting the household severs it (CUS-10)."""

    Role = HouseholdRole

    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="memberships")
    person = models.ForeignKey(
        Person, on_delete=models.CASCADE, related_name="household_memberships"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["household", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["household", "person"], name="household_member_unique")
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.household}"
