"""The partnership binding a partner to one program at one tier (PRG-4)."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import VersionedModel
from openprm.partners.models import PartnerProfile
from openprm.programs.models.ladders import Program, Tier


class Partnership(VersionedModel):
    """PRG-3: the cooperation with one partner, at most one per partner;
    its program and current tier (PRG-4)."""

    partner = models.OneToOneField(
        PartnerProfile,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="partnership",
    )
    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.PROTECT, related_name="partnerships"
    )
    tier = models.ForeignKey(
        Tier, verbose_name=_("tier"), on_delete=models.PROTECT, related_name="partnerships"
    )
    tier_since = models.DateField(_("in this tier since"))
    status = models.CharField(_("status"), max_length=30, db_index=True)
    reward_percent = models.DecimalField(
        _("reward (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    discount_percent = models.DecimalField(
        _("discount (%)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    mdf_eligible = models.BooleanField(_("eligible for market development funds"), default=False)
    starts_on = models.DateField(_("start"), null=True, blank=True)
    ends_on = models.DateField(_("end"), null=True, blank=True)
    channel_manager = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("channel manager"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="managed_partnerships",
    )
    manual_score = models.DecimalField(
        _("manual score"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    manual_score_reason = models.CharField(_("why this score"), max_length=300, blank=True)
    last_snapshot = models.ForeignKey(
        "Snapshot",
        verbose_name=_("latest evaluation"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["partner__account__name_search", "pk"]
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__isnull=True)
                | models.Q(starts_on__isnull=True)
                | models.Q(ends_on__gte=models.F("starts_on")),
                name="partnership_ends_after_start",
            ),
        ]

    def __str__(self) -> str:
        return str(self.partner)

    def get_absolute_url(self) -> str:
        return reverse("programs:partner_program", args=[self.partner_id])
