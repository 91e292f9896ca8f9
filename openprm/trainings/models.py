"""Trainings, certifications and the partner people who hold them (PRG-6, PRG-12).

The catalogue (trainings, certifications) is the brand owner's; a
completion says a partner contact finished a training on a date, with its
evidence; a held certification says a partner contact holds a
certification from `issued_on` to `expires_on`. Its status is read from
those dates on the day it is asked (Valid, Expiring within 60 days,
Expired), except Revoked, which is a decision stored with its reason.
"""

import datetime as dt

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import VersionedModel
from openprm.partners.models import PartnerContact

EXPIRING_DAYS = 60
"""PRG-12: a certification expiring within this many days is Expiring."""


class Training(VersionedModel):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    topic = models.CharField(_("product family or topic"), max_length=80, blank=True, db_index=True)
    duration_hours = models.DecimalField(
        _("duration (hours)"),
        max_digits=5,
        decimal_places=1,
        default=1,
        validators=[MinValueValidator(0)],
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_("Only active trainings can be recorded as completed."),
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("training")
        verbose_name_plural = _("trainings")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("trainings:training_edit", args=[self.pk])


class Certification(VersionedModel):
    code = models.CharField(
        _("code"), max_length=40, unique=True, help_text=_("Tier requirements name it.")
    )
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    validity_months = models.PositiveSmallIntegerField(
        _("valid for (months)"),
        default=24,
        validators=[MinValueValidator(1), MaxValueValidator(120)],
    )
    required_trainings = models.ManyToManyField(
        Training,
        verbose_name=_("required trainings"),
        blank=True,
        related_name="certifications",
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("certification")
        verbose_name_plural = _("certifications")

    def __str__(self) -> str:
        return f"{self.name} ({self.code})"

    def get_absolute_url(self) -> str:
        return reverse("trainings:certification_edit", args=[self.pk])


class TrainingCompletion(VersionedModel):
    """A partner contact completed a training on a date; the evidence is an
    uploaded certificate (PDF, PNG or JPEG) or a reference (a URL, a
    transcript number)."""

    contact = models.ForeignKey(
        PartnerContact,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="training_completions",
    )
    training = models.ForeignKey(
        Training, verbose_name=_("training"), on_delete=models.PROTECT, related_name="completions"
    )
    completed_on = models.DateField(_("completed on"))
    evidence = models.FileField(_("certificate file"), upload_to="trainings/evidence/", blank=True)
    evidence_reference = models.CharField(
        _("evidence reference"),
        max_length=300,
        blank=True,
        help_text=_("A link to the certificate or its reference number."),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-completed_on", "pk"]
        verbose_name = _("training completion")
        verbose_name_plural = _("training completions")
        constraints = [
            models.UniqueConstraint(
                fields=["contact", "training", "completed_on"], name="one_completion_per_day"
            )
        ]

    def __str__(self) -> str:
        return f"{self.training} — {self.contact}"


class HeldStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    EXPIRING = "expiring", _("Expiring")
    EXPIRED = "expired", _("Expired")
    REVOKED = "revoked", _("Revoked")


def status_q(status: str, today: dt.date) -> Q:
    """PRG-12: the rows of one status on `today`, for filters and counts."""
    live = Q(revoked_on__isnull=True)
    soon = today + dt.timedelta(days=EXPIRING_DAYS)
    return {
        HeldStatus.VALID: live & Q(expires_on__gt=soon),
        HeldStatus.EXPIRING: live & Q(expires_on__gte=today, expires_on__lte=soon),
        HeldStatus.EXPIRED: live & Q(expires_on__lt=today),
        HeldStatus.REVOKED: ~live,
    }[HeldStatus(status)]


def valid_on(day: dt.date) -> Q:
    """Held on `day`: issued by then, not expired, not revoked by then. An
    Expiring certification is still held (it counts for the tiers)."""
    return Q(issued_on__lte=day, expires_on__gte=day) & (
        Q(revoked_on__isnull=True) | Q(revoked_on__gt=day)
    )


class HeldCertification(VersionedModel):
    """PRG-6/PRG-12: a partner contact holds a certification until it expires
    or is revoked. `reminded_days` is the nearest reminder sent (60, 30 or
    7 days before expiry), so each is sent once."""

    holder = models.ForeignKey(
        PartnerContact,
        verbose_name=_("holder"),
        on_delete=models.CASCADE,
        related_name="certifications",
    )
    certification = models.ForeignKey(
        Certification,
        verbose_name=_("certification"),
        on_delete=models.PROTECT,
        related_name="holders",
    )
    issued_on = models.DateField(_("issued on"))
    expires_on = models.DateField(_("expires on"))
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason for revoking"), blank=True)
    reminded_days = models.PositiveSmallIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["expires_on", "pk"]
        verbose_name = _("held certification")
        verbose_name_plural = _("held certifications")
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=models.F("issued_on")),
                name="certification_expires_after_issue",
                violation_error_message=_(
                    "A certification cannot expire before it was issued: "
                    "choose an expiry date after the issue date."
                ),
            )
        ]
        indexes = [
            models.Index(fields=["certification", "expires_on"], name="held_cert_expiry"),
            models.Index(fields=["expires_on"], name="held_expiry"),
        ]

    def __str__(self) -> str:
        return f"{self.certification} — {self.holder}"

    def status_on(self, today: dt.date) -> HeldStatus:
        if self.revoked_on is not None:
            return HeldStatus.REVOKED
        if self.expires_on < today:
            return HeldStatus.EXPIRED
        if self.expires_on <= today + dt.timedelta(days=EXPIRING_DAYS):
            return HeldStatus.EXPIRING
        return HeldStatus.VALID

    @property
    def status(self) -> HeldStatus:
        return self.status_on(timezone.localdate())

    @property
    def days_left(self) -> int:
        return (self.expires_on - timezone.localdate()).days
