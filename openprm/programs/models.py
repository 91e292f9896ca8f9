"""Partner programs, their tiers and the partnership that binds a partner to
one program (PRG-3, PRG-4).

A tier's place on the ladder is its `rank` (1 is the entry tier); what it
takes to reach a tier is its requirements, each a threshold on an indicator
the apps contribute (`openprm.core.indicators`) over a trailing window. The
deal protection a partner gets (DEAL-6) is its tier's. A partner holds its
tier through its one partnership, so "exactly one program per partner" is
the partnership's uniqueness on the partner.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import VersionedModel
from openprm.partners.models import PartnerProfile

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


class Snapshot(models.Model):
    """PRG-11: what one evaluation found for one partner: each figure (value,
    records counted, the window) with the thresholds it was held against,
    the tier the figures reach, and the records it could not count.

    An evaluation that finds what the partner's latest snapshot already says
    writes none, so re-running on the same data changes nothing."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="snapshots")
    evaluated_at = models.DateTimeField(_("evaluated"))
    tier = models.ForeignKey(
        Tier, verbose_name=_("tier held"), on_delete=models.PROTECT, related_name="+"
    )
    qualified_tier = models.ForeignKey(
        Tier,
        verbose_name=_("tier the figures reach"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    figures = models.JSONField(_("figures"), default=list)
    incomplete = models.JSONField(_("records that could not be counted"), default=list)
    fingerprint = models.CharField(max_length=64, editable=False)
    """A digest of what the snapshot says, so the next evaluation compares
    one short text per partner instead of reading every figure back."""

    class Meta:
        ordering = ["-evaluated_at", "-pk"]
        verbose_name = _("evaluation snapshot")
        verbose_name_plural = _("evaluation snapshots")
        indexes = [models.Index(fields=["partnership", "-id"])]

    def __str__(self) -> str:
        return f"{self.partnership} {self.evaluated_at:%Y-%m-%d}"

    def get_absolute_url(self) -> str:
        return reverse("programs:snapshot_detail", args=[self.pk])

    @property
    def has_error(self) -> bool:
        return bool(self.incomplete)


class TierChange(models.Model):
    """PRG-5: every tier change of a partnership, with why and the figures
    (the snapshot) that caused it."""

    class Kind(models.TextChoices):
        START = "start", _("Joined the program")
        UPGRADE = "upgrade", _("Moved up")
        DOWNGRADE = "downgrade", _("Moved down")
        OVERRIDE = "override", _("Set by hand")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="tier_changes"
    )
    kind = models.CharField(_("change"), max_length=10, choices=Kind.choices)
    from_tier = models.ForeignKey(
        Tier, verbose_name=_("from"), on_delete=models.PROTECT, null=True, related_name="+"
    )
    to_tier = models.ForeignKey(
        Tier, verbose_name=_("to"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    changed_at = models.DateTimeField(_("changed"))

    class Meta:
        ordering = ["-changed_at", "-pk"]
        verbose_name = _("tier change")
        verbose_name_plural = _("tier changes")

    def __str__(self) -> str:
        return f"{self.from_tier} → {self.to_tier}"


class DowngradeReview(VersionedModel):
    """PRG-11: a partner fell short of its tier. It keeps the tier until the
    channel manager accepts the downgrade or waives it (with a reason), or,
    when its program says so, until the grace period ends."""

    class State(models.TextChoices):
        OPEN = "open", _("Waiting for a decision")
        ACCEPTED = "accepted", _("Downgrade accepted")
        WAIVED = "waived", _("Tier kept")
        AUTOMATIC = "automatic", _("Downgraded after the grace period")
        RECOVERED = "recovered", _("Requirements met again")

    partnership = models.ForeignKey(
        Partnership, on_delete=models.CASCADE, related_name="downgrade_reviews"
    )
    from_tier = models.ForeignKey(
        Tier, verbose_name=_("current tier"), on_delete=models.PROTECT, related_name="+"
    )
    to_tier = models.ForeignKey(
        Tier, verbose_name=_("proposed tier"), on_delete=models.PROTECT, related_name="+"
    )
    snapshot = models.ForeignKey(
        Snapshot, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_on = models.DateField(_("opened"))
    grace_ends_on = models.DateField(_("grace period ends"))
    state = models.CharField(
        _("state"), max_length=10, choices=State.choices, default=State.OPEN, db_index=True
    )
    reason = models.CharField(_("reason"), max_length=300, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["grace_ends_on", "pk"]
        verbose_name = _("downgrade review")
        verbose_name_plural = _("downgrade reviews")
        constraints = [
            models.UniqueConstraint(
                fields=["partnership"],
                condition=models.Q(state="open"),
                name="programs_one_open_review",
            )
        ]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.from_tier} → {self.to_tier}"

    def get_absolute_url(self) -> str:
        return reverse("programs:partner_program", args=[self.partnership.partner_id])
