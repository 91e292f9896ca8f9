"""Portal alerts (PRG-8): a message from the brand owner on the partners'
portal home — a promotion with resell incentives, a price change, an
outage — shown between two dates to the partners it is aimed at.

An alert is aimed at every partner, at the partners of chosen programs, at
those holding chosen tiers, or at chosen partners; a partner's program and
tier are its partnership's (programs.Partnership). Each portal user may
dismiss an alert for itself, and it stays dismissed.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from openprm.catalog.models import Product
from openprm.core.bases import TimestampedModel, VersionedModel
from openprm.partners.models import PartnerProfile
from openprm.programs.models import Program, Tier


class AlertPriority(models.TextChoices):
    """Named at module level, as the API's enum (the OpenAPI document files
    an enum under its class name), like `AlertTarget`."""

    INFO = "info", _("Information")
    IMPORTANT = "important", _("Important")
    URGENT = "urgent", _("Urgent")


class AlertTarget(models.TextChoices):
    ALL = "all", _("All partners")
    PROGRAMS = "programs", _("Chosen programs")
    TIERS = "tiers", _("Chosen tiers")
    PARTNERS = "partners", _("Chosen partners")


class Alert(VersionedModel):
    Priority = AlertPriority
    Target = AlertTarget

    title = models.CharField(_("title"), max_length=200)
    body = models.TextField(_("message"), blank=True)
    priority = models.CharField(
        _("priority"), max_length=10, choices=Priority.choices, default=Priority.INFO
    )
    urgency = models.PositiveSmallIntegerField(editable=False, default=0)
    starts_on = models.DateField(_("shown from"), db_index=True)
    ends_on = models.DateField(
        _("shown until"), null=True, blank=True, help_text=_("Leave empty to show it until ended.")
    )
    product = models.ForeignKey(
        Product,
        verbose_name=_("product"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="alerts",
    )
    link_url = models.URLField(_("promotion link"), blank=True)
    target = models.CharField(_("aimed at"), max_length=10, choices=Target.choices, db_index=True)
    programs = models.ManyToManyField(
        Program, verbose_name=_("programs"), blank=True, related_name="alerts"
    )
    tiers = models.ManyToManyField(Tier, verbose_name=_("tiers"), blank=True, related_name="alerts")
    partners = models.ManyToManyField(
        PartnerProfile, verbose_name=_("partners"), blank=True, related_name="alerts"
    )
    notified_at = models.DateTimeField(_("partner administrators notified"), null=True, blank=True)

    class Meta:
        ordering = ["-urgency", "-starts_on", "-pk"]
        verbose_name = _("alert")
        verbose_name_plural = _("alerts")
        indexes = [models.Index(fields=["priority", "notified_at", "starts_on"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="alert_ends_after_start",
            ),
        ]

    URGENCY = {Priority.INFO: 1, Priority.IMPORTANT: 2, Priority.URGENT: 3}

    def __str__(self) -> str:
        return self.title

    def save(self, *args: object, **kwargs: object) -> None:
        self.urgency = self.URGENCY.get(self.priority, 0)
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def get_absolute_url(self) -> str:
        return reverse("alerts:alert_detail", args=[self.pk])

    @property
    def is_current(self) -> bool:
        today = timezone.localdate()
        return self.starts_on <= today and (self.ends_on is None or self.ends_on >= today)


class AlertDismissal(TimestampedModel):
    """One portal user put one alert away: it no longer shows on that
    user's home, and stays listed on the portal's Alerts page."""

    alert = models.ForeignKey(Alert, on_delete=models.CASCADE, related_name="dismissals")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="dismissed_alerts"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "alert"], name="alert_dismissed_once_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user_id} dismissed {self.alert_id}"
