"""Programs and their tier ladders (PRG-4, PRG-5): a program, its tiers
and each tier's requirements; a ladder stays climbable after every write."""

import itertools
from collections import defaultdict
from collections.abc import Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.indicators import collected
from openprm.core.records import record_create, record_delete, record_update
from openprm.programs.errors import ProgramErrorCode
from openprm.programs.models import (
    Partnership,
    Program,
    Snapshot,
    Tier,
    TierChange,
    TierRequirement,
)
from openprm.programs.models.ladders import MAX_WINDOW_MONTHS

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
