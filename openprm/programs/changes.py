"""Writing tier moves and telling people (PRG-5, PRG-11).

Evaluation, a downgrade review's decision and a manual override all end in
the same writes: the partnership's tier, a line of its tier history with the
snapshot that caused it, the typed event on its timeline, and a notification
to the partner's administrators and its channel manager. A first evaluation
moves thousands of partners at once, so each of these is written in bulk
(the events through `publish_many`), never one partner at a time.
"""

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from django.db.models import F
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.events import Event, publish_many
from openprm.core.notifications.services import Message, notify_many
from openprm.identity.catalog import PARTNER_ADMINISTRATOR
from openprm.identity.models import User
from openprm.programs.events import (
    DowngradeReviewOpened,
    TierDowngraded,
    TierOverridden,
    TierUpgraded,
)
from openprm.programs.models import DowngradeReview, Partnership, Snapshot, Tier, TierChange

Kind = TierChange.Kind


@dataclass
class Move:
    partnership: Partnership
    kind: str
    from_tier: Tier
    to_tier: Tier
    reason: str = ""
    snapshot: Snapshot | None = None


def administrators(partner_ids: Sequence[int]) -> dict[int, list[int]]:
    """The active partner administrators of each partner, by partner."""
    found: dict[int, list[int]] = defaultdict(list)
    for partner_id, user_id in (
        access.unscoped(User)
        .filter(
            is_active=True,
            roles__code=PARTNER_ADMINISTRATOR,
            partner_contact__partner_id__in=partner_ids,
        )
        .values_list("partner_contact__partner_id", "pk")
        .distinct()
    ):
        found[partner_id].append(user_id)
    return found


def _title(move: Move, name: str) -> str:
    values = {"partner": name, "tier": move.to_tier.name, "from": move.from_tier.name}
    if move.kind == Kind.UPGRADE:
        return _("%(partner)s moved up to %(tier)s") % values
    if move.kind == Kind.DOWNGRADE:
        return _("%(partner)s moved down to %(tier)s") % values
    return _("%(partner)s was placed in %(tier)s (was %(from)s)") % values


NAMES_AT_ONCE = 500
"""Partner names are read this many at a time: given a thousand keys or
more in one IN list, SQLite's planner walks every account and tests it
against the list (4.4 s for a program's 10,000 moves, 0.04 s in slices)."""


def _names(moves: Sequence[Move]) -> dict[int, str]:
    """Each moved partnership's partner name, by partnership."""
    ids = [m.partnership.pk for m in moves]
    found: dict[int, str] = {}
    for start in range(0, len(ids), NAMES_AT_ONCE):
        found.update(
            access.unscoped(Partnership)
            .filter(pk__in=ids[start : start + NAMES_AT_ONCE])
            .order_by()
            .values_list("pk", "partner__account__name")
        )
    return found


def _messages(moves: Sequence[Move]) -> list[Message]:
    admins = administrators([m.partnership.partner_id for m in moves])
    names = _names(moves)
    portal = reverse("portal:program")
    messages = []
    for move in moves:
        title = _title(move, names.get(move.partnership.pk, ""))
        body = move.reason
        internal = move.partnership.get_absolute_url()
        messages.extend(
            Message(user_id, title, body, portal) for user_id in admins[move.partnership.partner_id]
        )
        if move.partnership.channel_manager_id is not None:
            messages.append(Message(move.partnership.channel_manager_id, title, body, internal))
    return messages


def _event(move: Move, actor: Actor) -> Event:
    data = {"from_tier": move.from_tier.name, "to_tier": move.to_tier.name}
    if move.kind == Kind.UPGRADE:
        return TierUpgraded(actor=actor, record=move.partnership, **data)
    if move.kind == Kind.DOWNGRADE:
        return TierDowngraded(actor=actor, record=move.partnership, reason=move.reason, **data)
    return TierOverridden(actor=actor, record=move.partnership, reason=move.reason, **data)


def tier_moves(moves: Sequence[Move], *, actor: Actor, now: dt.datetime | None = None) -> None:
    """Move each partnership, record its history and event, tell its people."""
    if not moves:
        return
    now = now or timezone.now()
    today = timezone.localdate()
    by_tier: dict[int, list[int]] = defaultdict(list)
    for move in moves:
        by_tier[move.to_tier.pk].append(move.partnership.pk)
    for tier_id, ids in by_tier.items():
        access.unscoped(Partnership).filter(pk__in=ids).update(
            tier_id=tier_id, tier_since=today, version=F("version") + 1
        )
    events: dict[str, list[Event]] = defaultdict(list)
    for move in moves:
        move.partnership.tier = move.to_tier
        move.partnership.tier_since = today
        events[move.kind].append(_event(move, actor))
    for published in events.values():
        publish_many(published)
    TierChange.objects.bulk_create(
        TierChange(
            partnership=move.partnership,
            kind=move.kind,
            from_tier=move.from_tier,
            to_tier=move.to_tier,
            reason=move.reason,
            snapshot=move.snapshot,
            changed_by=actor.user,
            changed_at=now,
        )
        for move in moves
    )
    notify_many(_messages(moves))


def reviews_opened(reviews: Sequence[DowngradeReview], *, actor: Actor) -> None:
    """The timeline event, and the channel manager is asked to decide."""
    publish_many(
        [
            DowngradeReviewOpened(
                actor=actor,
                record=review.partnership,
                to_tier=review.to_tier.name,
                grace_ends_on=review.grace_ends_on.isoformat(),
            )
            for review in reviews
        ]
    )
    messages = []
    for review in reviews:
        manager = review.partnership.channel_manager_id
        if manager is not None:
            messages.append(
                Message(
                    manager,
                    _("%(partner)s fell short of %(tier)s")
                    % {"partner": review.partnership, "tier": review.from_tier.name},
                    _("Accept the move to %(to)s or keep the tier before %(date)s.")
                    % {"to": review.to_tier.name, "date": review.grace_ends_on.isoformat()},
                    review.partnership.get_absolute_url(),
                )
            )
    notify_many(messages)
