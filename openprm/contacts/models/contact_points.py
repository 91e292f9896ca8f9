"""A person's phones, e-mails and addresses (CON-4) and the preferences
recorded on them (CON-9)."""

import datetime as dt

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from openprm.contacts.models.persons import Person
from openprm.contacts.normalize import format_phone
from openprm.core.bases import VersionedModel
from openprm.core.places import region_name


class ContactPointKind(models.TextChoices):
    PHONE = "phone", _("Phone")
    EMAIL = "email", _("E-mail")
    ADDRESS = "address", _("Address")


class ContactPointPurpose(models.TextChoices):
    WORK = "work", _("Work")
    MOBILE = "mobile", _("Mobile")
    HOME = "home", _("Home")
    OTHER = "other", _("Other")


class ContactPoint(VersionedModel):
    """A phone, e-mail or address of a person (CON-4).

    `is_primary` marks the overall primary of its kind: at most one per
    person and kind, enforced by the database.
    """

    Kind = ContactPointKind
    Purpose = ContactPointPurpose

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="contact_points")
    kind = models.CharField(_("type"), max_length=10, choices=Kind.choices)
    purpose = models.CharField(
        _("purpose"), max_length=10, choices=Purpose.choices, default=Purpose.WORK
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True, db_index=True)
    email = models.CharField(_("e-mail"), max_length=254, blank=True, db_index=True)
    address_line1 = models.CharField(_("address line 1"), max_length=200, blank=True)
    address_line2 = models.CharField(_("address line 2"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    region = models.CharField(_("region/state"), max_length=100, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=20, blank=True)
    country = CountryField(_("country"), blank=True)
    is_primary = models.BooleanField(_("primary"), default=False)

    class Meta:
        ordering = ["person", "kind", "-is_primary", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["person", "kind"],
                condition=Q(is_primary=True),
                name="contact_point_one_primary_per_kind",
            )
        ]

    def __str__(self) -> str:
        return self.display_value

    @property
    def display_value(self) -> str:
        if self.kind == self.Kind.PHONE:
            return format_phone(self.phone)
        if self.kind == self.Kind.EMAIL:
            return self.email
        region = region_name(self.region)
        parts = (self.address_line1, self.postal_code, self.city, region, str(self.country))
        return ", ".join(p for p in parts if p)

    def restriction_on(self, day: dt.date) -> "ContactPreference | None":
        """The active Do Not preference on `day` (CON-9); needs prefetched preferences."""
        for preference in self.preferences.all():
            if preference.preference == ContactPreference.Choice.DO_NOT and preference.covers(day):
                return preference
        return None

    @property
    def do_not_contact(self) -> bool:
        return self.restriction_on(timezone.localdate()) is not None


class ContactPreferenceChoice(models.TextChoices):
    DO = "do", _("Do contact")
    DO_NOT = "do_not", _("Do not contact")


class ContactPreference(VersionedModel):
    """Do / Do Not use a contact point, with a reason and a period (CON-9, CON-10)."""

    Choice = ContactPreferenceChoice

    contact_point = models.ForeignKey(
        ContactPoint, on_delete=models.CASCADE, related_name="preferences"
    )
    preference = models.CharField(_("preference"), max_length=10, choices=Choice.choices)
    reason_code = models.CharField(_("reason"), max_length=60)
    start_date = models.DateField(_("start date"), default=timezone.localdate)
    end_date = models.DateField(_("end date"), null=True, blank=True)

    class Meta:
        ordering = ["contact_point", "-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True) | Q(end_date__gte=models.F("start_date")),
                name="contact_preference_period_valid",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_preference_display()} ({self.reason_code})"

    def covers(self, day: dt.date) -> bool:
        return self.start_date <= day and (self.end_date is None or day <= self.end_date)
