"""The channel team's decisions on a partner's tier (PRG-5, PRG-11): a
manual score, a tier set by hand, and the answer to a downgrade review,
each with its reason."""

from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.core.records import record_update
from openprm.programs.changes import Move, tier_moves
from openprm.programs.errors import ProgramErrorCode
from openprm.programs.events import DowngradeWaived, ManualScoreSet
from openprm.programs.models import (
    DowngradeReview,
    Partnership,
    Tier,
    TierChange,
)


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationFailed(
            field_errors={"reason": [_("Say why: the partner's history keeps it.")]}
        )
    return reason


def manual_score_set(
    *,
    actor: Actor,
    partnership: Partnership,
    score: Decimal | None,
    reason: str,
    expected_version: int,
) -> Partnership:
    """The manual score indicator (PRG-4), with its reason."""
    access.require(actor, "change", partnership)
    reason = _reason(reason)
    with transaction.atomic():
        partnership = record_update(
            actor=actor,
            instance=partnership,
            changes={"manual_score": score, "manual_score_reason": reason},
            expected_version=expected_version,
        )
        publish(ManualScoreSet(actor=actor, record=partnership, score=str(score), reason=reason))
    return partnership


def tier_override(
    *, actor: Actor, partnership: Partnership, tier_id: int, reason: str, expected_version: int
) -> Partnership:
    """PRG-11: a tier set by hand, with a reason; it holds for the grace period."""
    access.require(actor, "change", partnership)
    reason = _reason(reason)
    tier = Tier.objects.filter(pk=tier_id).first()
    if tier is None or tier.program_id != partnership.program_id:
        raise ValidationFailed(
            field_errors={"tier_id": [_("Choose a tier of the partner's program.")]}
        )
    if tier.is_retired:
        raise ValidationFailed(field_errors={"tier_id": [_("Nobody moves into a retired tier.")]})
    if tier.pk == partnership.tier_id:
        raise Conflict(_("The partner is already in %(tier)s.") % {"tier": tier.name})
    with transaction.atomic():
        record_update(
            actor=actor, instance=partnership, changes={}, expected_version=expected_version
        )
        _close_open_review(partnership, DowngradeReview.State.WAIVED, actor, reason)
        tier_moves(
            [Move(partnership, TierChange.Kind.OVERRIDE, partnership.tier, tier, reason)],
            actor=actor,
        )
    partnership.refresh_from_db()
    return partnership


def _close_open_review(partnership: Partnership, state: str, actor: Actor, reason: str) -> None:
    DowngradeReview.objects.filter(
        partnership=partnership, state=DowngradeReview.State.OPEN
    ).update(state=state, reason=reason, decided_by=actor.user, decided_at=timezone.now())


def _open(review: DowngradeReview) -> None:
    if review.state != DowngradeReview.State.OPEN:
        raise Conflict(
            _("This review is closed: %(state)s.") % {"state": review.get_state_display().lower()},
            code=ProgramErrorCode.REVIEW_CLOSED,
        )


def review_accept(
    *, actor: Actor, review: DowngradeReview, reason: str, expected_version: int
) -> DowngradeReview:
    """The channel manager agrees: the partner moves down now."""
    access.require(actor, "decide", review)
    _open(review)
    reason = _reason(reason)
    with transaction.atomic():
        review = record_update(
            actor=actor,
            instance=review,
            changes={
                "state": DowngradeReview.State.ACCEPTED,
                "reason": reason,
                "decided_by": actor.user,
                "decided_at": timezone.now(),
            },
            expected_version=expected_version,
        )
        partnership = review.partnership
        tier_moves(
            [
                Move(
                    partnership,
                    TierChange.Kind.DOWNGRADE,
                    partnership.tier,
                    review.to_tier,
                    reason,
                    review.snapshot,
                )
            ],
            actor=actor,
        )
    return review


def review_waive(
    *, actor: Actor, review: DowngradeReview, reason: str, expected_version: int
) -> DowngradeReview:
    """The channel manager keeps the partner's tier for another grace period."""
    access.require(actor, "decide", review)
    _open(review)
    reason = _reason(reason)
    today = timezone.localdate()
    with transaction.atomic():
        review = record_update(
            actor=actor,
            instance=review,
            changes={
                "state": DowngradeReview.State.WAIVED,
                "reason": reason,
                "decided_by": actor.user,
                "decided_at": timezone.now(),
                "grace_ends_on": today
                + timezone.timedelta(days=review.partnership.program.grace_days),
            },
            expected_version=expected_version,
        )
        publish(DowngradeWaived(actor=actor, record=review.partnership, reason=reason))
    return review
