"""Programs, tiers, partnerships, evaluation, reviews and overrides
(PRG-3, PRG-4, PRG-5, PRG-11): every write needs Manage Partner Programs."""

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.core.indicators import collected
from openprm.core.records import record_create, record_delete, record_update
from openprm.identity.models import User
from openprm.partners.models import PartnerProfile
from openprm.programs import evaluation
from openprm.programs.catalog import ACTIVE
from openprm.programs.changes import Move, tier_moves
from openprm.programs.errors import ProgramErrorCode
from openprm.programs.events import DowngradeWaived, ManualScoreSet
from openprm.programs.models import (
    MAX_WINDOW_MONTHS,
    DowngradeReview,
    Partnership,
    Program,
    Snapshot,
    Tier,
    TierChange,
    TierRequirement,
)

PROGRAM_FIELDS = (
    "code",
    "name",
    "summary",
    "benefits",
    "is_public",
    "is_active",
    "currency",
    "evaluation_every_days",
    "next_evaluation_on",
    "grace_days",
    "downgrade_automatically",
)
TIER_FIELDS = (
    "name",
    "margin_percent",
    "discount_percent",
    "benefits",
    "protection_days",
    "extension_count",
    "extension_days",
    "is_retired",
)
PARTNERSHIP_FIELDS = (
    "status",
    "reward_percent",
    "discount_percent",
    "mdf_eligible",
    "starts_on",
    "ends_on",
    "channel_manager_id",
)


def _unique_refusal(what: str) -> ValidationFailed:
    return ValidationFailed(
        field_errors={"name": [_("%(what)s is already used.") % {"what": what}]}
    )


def program_create(*, actor: Actor, data: Mapping[str, Any]) -> Program:
    access.require_create(actor, Program)
    values = {k: v for k, v in data.items() if k in PROGRAM_FIELDS}
    values["currency"] = str(values.get("currency", "USD")).upper()
    return record_create(actor=actor, instance=Program(**values))


def program_update(
    *, actor: Actor, program: Program, changes: Mapping[str, Any], expected_version: int
) -> Program:
    access.require(actor, "change", program)
    values = {k: v for k, v in changes.items() if k in PROGRAM_FIELDS}
    if "currency" in values:
        values["currency"] = str(values["currency"]).upper()
    return record_update(
        actor=actor, instance=program, changes=values, expected_version=expected_version
    )


def _requirement(tier: Tier, data: Mapping[str, Any]) -> TierRequirement:
    """A requirement checked field by field, with messages people read."""
    errors: dict[str, list[str]] = {}
    known = collected()
    code = str(data.get("indicator", ""))
    if code not in known:
        errors["indicator"] = [_("Choose an indicator.")]
    try:
        threshold = Decimal(str(data.get("threshold", "")))
        if threshold < 0 or not threshold.is_finite():
            raise InvalidOperation
    except InvalidOperation:
        errors["threshold"] = [_("Enter a threshold of zero or more.")]
        threshold = Decimal(0)
    try:
        months = int(data.get("window_months", 12))
    except (TypeError, ValueError):
        months = 0
    if not 1 <= months <= MAX_WINDOW_MONTHS:
        errors["window_months"] = [
            _("A window is 1 to %(most)s months.") % {"most": MAX_WINDOW_MONTHS}
        ]
    parameter = str(data.get("parameter", "") or "").strip()
    if (
        code in known
        and known[code].parameter_choices
        and parameter not in dict(known[code].choices())
    ):
        errors["parameter"] = [
            _("Choose the %(what)s.") % {"what": known[code].parameter_label or _("parameter")}
        ]
    if errors:
        raise ValidationFailed(field_errors=errors)
    return TierRequirement(
        tier=tier, indicator=code, parameter=parameter, threshold=threshold, window_months=months
    )


def check_ladder(program: Program) -> None:
    """PRG-4: for the same indicator and parameter, each open tier asks more
    than the open tiers below it."""
    seen: dict[tuple[str, str], list[tuple[int, str, Decimal]]] = defaultdict(list)
    for requirement in (
        TierRequirement.objects.filter(tier__program=program, tier__is_retired=False)
        .select_related("tier")
        .order_by("tier__rank")
    ):
        seen[(requirement.indicator, requirement.parameter)].append(
            (requirement.tier.rank, requirement.tier.name, requirement.threshold)
        )
    labels = collected()
    for (code, parameter), rows in seen.items():
        for (_r1, lower, low), (_r2, upper, high) in itertools.pairwise(rows):
            if high <= low:
                label = labels[code].label if code in labels else code
                raise ValidationFailed(
                    _("Thresholds must rise with the tier."),
                    field_errors={
                        "threshold": [
                            _(
                                "%(upper)s must ask more %(what)s than %(lower)s "
                                "(%(low)s), not %(high)s."
                            )
                            % {
                                "upper": upper,
                                "lower": lower,
                                "what": str(label).lower()
                                + (f" ({parameter})" if parameter else ""),
                                "low": low,
                                "high": high,
                            }
                        ]
                    },
                )


def tier_create(
    *,
    actor: Actor,
    program: Program,
    data: Mapping[str, Any],
    requirements: Sequence[Mapping[str, Any]] = (),
) -> Tier:
    """A tier at the top of the program's ladder, with what it takes to reach it."""
    access.require(actor, "change", program)
    values = {k: v for k, v in data.items() if k in TIER_FIELDS}
    try:
        with transaction.atomic():
            rank = (program.tiers.order_by("-rank").values_list("rank", flat=True).first() or 0) + 1
            if program.tiers.filter(name=values.get("name", "")).exists():
                raise ValidationFailed(
                    field_errors={"name": [_("The program already has a tier of this name.")]}
                )
            tier = record_create(actor=actor, instance=Tier(program=program, rank=rank, **values))
            _replace_requirements(tier, requirements)
    except IntegrityError as error:
        raise _unique_refusal(_("This tier name")) from error
    return tier


def _replace_requirements(tier: Tier, requirements: Sequence[Mapping[str, Any]]) -> None:
    built = [_requirement(tier, data) for data in requirements]
    keys = [(r.indicator, r.parameter) for r in built]
    if len(keys) != len(set(keys)):
        raise ValidationFailed(
            field_errors={"indicator": [_("Each indicator is required once per tier.")]}
        )
    TierRequirement.objects.filter(tier=tier).delete()
    TierRequirement.objects.bulk_create(built)
    check_ladder(tier.program)


def tier_update(
    *,
    actor: Actor,
    tier: Tier,
    changes: Mapping[str, Any],
    expected_version: int,
    requirements: Sequence[Mapping[str, Any]] | None = None,
) -> Tier:
    """Its rewards and protection; `requirements`, when given, replaces them all."""
    access.require(actor, "change", tier)
    values = {k: v for k, v in changes.items() if k in TIER_FIELDS}
    if values.get("is_retired") and tier.rank == _entry_rank(tier.program):
        raise Conflict(_("The entry tier cannot be retired: new partners start in it."))
    with transaction.atomic():
        tier = record_update(
            actor=actor, instance=tier, changes=values, expected_version=expected_version
        )
        if requirements is not None:
            _replace_requirements(tier, requirements)
        else:
            check_ladder(tier.program)
    return tier


def _entry_rank(program: Program) -> int | None:
    return (
        program.tiers.filter(is_retired=False)
        .order_by("rank")
        .values_list("rank", flat=True)
        .first()
    )


def requirement_set(*, actor: Actor, tier: Tier, data: Mapping[str, Any]) -> TierRequirement:
    """Add the requirement on an indicator, or change the tier's one on it."""
    access.require(actor, "change", tier)
    built = _requirement(tier, data)
    with transaction.atomic():
        found, _created = TierRequirement.objects.update_or_create(
            tier=tier,
            indicator=built.indicator,
            parameter=built.parameter,
            defaults={"threshold": built.threshold, "window_months": built.window_months},
        )
        check_ladder(tier.program)
    return found


def requirement_delete(*, actor: Actor, requirement: TierRequirement) -> None:
    access.require(actor, "change", requirement.tier)
    requirement.delete()


def tier_delete(*, actor: Actor, tier: Tier) -> None:
    """A tier nobody holds nor ever held; otherwise it is retired instead."""
    access.require(actor, "delete", tier)
    if Partnership.objects.filter(tier=tier).exists():
        raise Conflict(
            _("Partners hold %(tier)s: retire it instead, so nobody moves into it.")
            % {"tier": tier.name},
            code=ProgramErrorCode.TIER_HELD,
        )
    if (
        TierChange.objects.filter(to_tier=tier).exists()
        or Snapshot.objects.filter(tier=tier).exists()
    ):
        raise Conflict(
            _("%(tier)s has partners' history: retire it instead.") % {"tier": tier.name},
            code=ProgramErrorCode.TIER_HELD,
        )
    record_delete(actor=actor, instance=tier)


def _manager(user_id: int | None) -> User | None:
    if user_id is None:
        return None
    found = (
        access.unscoped(User)
        .filter(pk=user_id, is_active=True, user_type=User.UserType.INTERNAL)
        .first()
    )
    if found is None:
        raise ValidationFailed(
            field_errors={"channel_manager_id": [_("Choose an active internal user.")]}
        )
    return found


def partnership_create(
    *,
    actor: Actor,
    partner_id: int,
    program_id: int,
    status: str = ACTIVE,
    **conditions: Any,
) -> Partnership:
    """PRG-3: a partner's one partnership, at its program's entry tier."""
    access.require_create(actor, Partnership)
    partner = access.get_visible(PartnerProfile, actor, partner_id)
    program = access.get_visible(Program, actor, program_id)
    entry = program.tiers.filter(is_retired=False).order_by("rank").first()
    if entry is None:
        raise ValidationFailed(field_errors={"program_id": [_("The program has no tier yet.")]})
    if "channel_manager_id" in conditions:
        conditions["channel_manager"] = _manager(conditions.pop("channel_manager_id"))
    duplicate = Conflict(
        _("%(partner)s already has a partnership: a partner belongs to one program.")
        % {"partner": partner},
        code=ProgramErrorCode.PARTNERSHIP_EXISTS,
    )
    if Partnership.objects.filter(partner=partner).exists():
        raise duplicate
    try:
        with transaction.atomic():
            partnership = record_create(
                actor=actor,
                instance=Partnership(
                    partner=partner,
                    program=program,
                    tier=entry,
                    tier_since=conditions.get("starts_on") or timezone.localdate(),
                    status=status,
                    **conditions,
                ),
            )
            TierChange.objects.create(
                partnership=partnership,
                kind=TierChange.Kind.START,
                to_tier=entry,
                changed_by=actor.user,
                changed_at=timezone.now(),
            )
            return partnership
    except IntegrityError as error:
        raise duplicate from error


def partnership_update(
    *, actor: Actor, partnership: Partnership, changes: Mapping[str, Any], expected_version: int
) -> Partnership:
    """Its status and conditions; the tier moves by evaluation or override."""
    access.require(actor, "change", partnership)
    values = {k: v for k, v in changes.items() if k in PARTNERSHIP_FIELDS}
    if "channel_manager_id" in values:
        values["channel_manager"] = _manager(values.pop("channel_manager_id"))
    return record_update(
        actor=actor, instance=partnership, changes=values, expected_version=expected_version
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


def program_evaluate(*, actor: Actor, program: Program) -> evaluation.Outcome:
    """PRG-5: evaluate every partner of the program now."""
    access.require(actor, "change", program)
    return evaluation.evaluate(program, actor=actor)


def partnership_evaluate(*, actor: Actor, partnership: Partnership) -> evaluation.Outcome:
    """PRG-5: evaluate one partner now."""
    access.require(actor, "change", partnership)
    return evaluation.evaluate(partnership.program, partner_id=partnership.partner_id, actor=actor)


def programs_evaluate_due(today: Any = None) -> list[evaluation.Outcome]:
    """The scheduled evaluation: every active program whose day has come,
    then its next day is set."""
    today = today or timezone.localdate()
    outcomes = []
    for program in Program.objects.filter(is_active=True).exclude(next_evaluation_on__gt=today):
        outcomes.append(evaluation.evaluate(program, today=today))
        Program.objects.filter(pk=program.pk).update(
            next_evaluation_on=today + timezone.timedelta(days=program.evaluation_every_days)
        )
    return outcomes
