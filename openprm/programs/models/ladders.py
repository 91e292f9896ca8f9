"""A program and its ladder of tiers, each with what it takes to reach it
(PRG-3)."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import VersionedModel

MAX_WINDOW_MONTHS = 36


class Program(VersionedModel):
    code = models.CharField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=120, unique=True)
    summary = models.TextField(
        _("summary"), blank=True, help_text=_("Shown on the public list of programs.")
    )
    benefits = models.TextField(
        _("headline benefits"), blank=True, help_text=_("One benefit per line.")
    )
    is_public = models.BooleanField(
        _("open for applications"),
        default=True,
        help_text=_("Listed on the public Become a partner page."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    currency = models.CharField(
        _("currency"),
        max_length=3,
        default="USD",
        help_text=_("Revenue indicators count amounts in this currency."),
    )
    evaluation_every_days = models.PositiveSmallIntegerField(
        _("evaluate every (days)"),
        default=30,
        validators=[MinValueValidator(1), MaxValueValidator(366)],
    )
    next_evaluation_on = models.DateField(_("next evaluation"), null=True, blank=True)
    grace_days = models.PositiveSmallIntegerField(
        _("downgrade grace period (days)"),
        default=90,
        help_text=_("How long a partner keeps its tier after falling short of it."),
    )
    downgrade_automatically = models.BooleanField(
        _("downgrade automatically"),
        default=False,
        help_text=_("Move partners down when the grace period ends, without a review."),
    )

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("program")
        verbose_name_plural = _("programs")

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("programs:program_detail", args=[self.pk])


class Tier(VersionedModel):
    program = models.ForeignKey(
        Program, verbose_name=_("program"), on_delete=models.CASCADE, related_name="tiers"
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), validators=[MinValueValidator(1)], help_text=_("1 is the entry tier.")
    )
    name = models.CharField(_("name"), max_length=80)
    margin_percent = models.DecimalField(
        _("margin on partner sales (%)"), max_digits=5, decimal_places=2, default=0
    )
    discount_percent = models.DecimalField(
        _("partner discount (%)"), max_digits=5, decimal_places=2, default=0
    )
    benefits = models.TextField(_("benefits"), blank=True, help_text=_("One benefit per line."))
    protection_days = models.PositiveSmallIntegerField(
        _("deal protection (days)"), default=90, validators=[MinValueValidator(1)]
    )
    extension_count = models.PositiveSmallIntegerField(_("protection extensions"), default=1)
    extension_days = models.PositiveSmallIntegerField(
        _("days per extension"), default=30, validators=[MinValueValidator(1)]
    )
    is_retired = models.BooleanField(
        _("retired"), default=False, help_text=_("No partner can move into a retired tier.")
    )
    # The requirements in display order, set by the reads of a whole ladder
    # (`Ladder.of`, `selectors.ladder`) so its cards read them with no
    # statement per tier.
    requirement_list: list["TierRequirement"]

    class Meta:
        ordering = ["program", "rank"]
        verbose_name = _("tier")
        verbose_name_plural = _("tiers")
        constraints = [
            models.UniqueConstraint(fields=["program", "rank"], name="tier_rank_per_program"),
            models.UniqueConstraint(fields=["program", "name"], name="tier_name_per_program"),
        ]

    def __str__(self) -> str:
        return self.name


class TierRequirement(models.Model):
    """To reach `tier`, the partner's `indicator` over the last
    `window_months` must be at least `threshold`. `parameter` narrows an
    indicator that takes one (the certification people must hold)."""

    tier = models.ForeignKey(
        Tier, verbose_name=_("tier"), on_delete=models.CASCADE, related_name="requirements"
    )
    indicator = models.CharField(_("indicator"), max_length=40)
    parameter = models.CharField(_("parameter"), max_length=80, blank=True)
    threshold = models.DecimalField(_("threshold"), max_digits=16, decimal_places=2)
    window_months = models.PositiveSmallIntegerField(
        _("window (months)"),
        default=12,
        validators=[MinValueValidator(1), MaxValueValidator(MAX_WINDOW_MONTHS)],
    )

    class Meta:
        ordering = ["tier", "indicator", "parameter"]
        verbose_name = _("tier requirement")
        verbose_name_plural = _("tier requirements")
        constraints = [
            models.UniqueConstraint(
                fields=["tier", "indicator", "parameter"], name="one_requirement_per_indicator"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} ≥ {self.threshold}"
