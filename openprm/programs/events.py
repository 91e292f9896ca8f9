"""Business events of partnerships and their tiers (PRG-3, PRG-5, PRG-11),
on the partnership's timeline."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from openprm.core.events import Event


@dataclass(frozen=True, kw_only=True)
class TierUpgraded(Event):
    code = "tier_upgraded"
    label = _("Moved up a tier")
    from_tier: str
    to_tier: str


@dataclass(frozen=True, kw_only=True)
class TierDowngraded(Event):
    code = "tier_downgraded"
    label = _("Moved down a tier")
    from_tier: str
    to_tier: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class TierOverridden(Event):
    code = "tier_overridden"
    label = _("Tier set by hand")
    from_tier: str
    to_tier: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class DowngradeReviewOpened(Event):
    code = "downgrade_review_opened"
    label = _("Fell short of its tier: downgrade review opened")
    to_tier: str
    grace_ends_on: str


@dataclass(frozen=True, kw_only=True)
class DowngradeWaived(Event):
    code = "downgrade_waived"
    label = _("Downgrade waived: tier kept")
    reason: str


@dataclass(frozen=True, kw_only=True)
class ManualScoreSet(Event):
    code = "manual_score_set"
    label = _("Manual score set")
    score: str
    reason: str
