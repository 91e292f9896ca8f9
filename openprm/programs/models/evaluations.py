"""What an evaluation of a partnership found (its snapshot), the tier
changes it made, and the downgrades waiting for a decision."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from openprm.core.bases import VersionedModel
from openprm.programs.models.ladders import Tier
from openprm.programs.models.partnerships import Partnership


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


class DowngradeReviewState(models.TextChoices):
    """Where a downgrade review stands (PRG-11); the API answers and filters
    reviews with this enum, `DowngradeReviewState`."""

    OPEN = "open", _("Waiting for a decision")
    ACCEPTED = "accepted", _("Downgrade accepted")
    WAIVED = "waived", _("Tier kept")
    AUTOMATIC = "automatic", _("Downgraded after the grace period")
    RECOVERED = "recovered", _("Requirements met again")


class DowngradeReview(VersionedModel):
    """PRG-11: a partner fell short of its tier. It keeps the tier until the
    channel manager accepts the downgrade or waives it (with a reason), or,
    when its program says so, until the grace period ends."""

    State = DowngradeReviewState

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
