"""Reads of programs, tiers, partnerships, snapshots and reviews, scoped
to the actor (core.access)."""

from typing import Any

from django.db.models import Count, OuterRef, Prefetch, Q, QuerySet, Subquery

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import NotFound
from openprm.core.lookups.models import LookupValue
from openprm.identity.models import User
from openprm.programs.catalog import PARTNERSHIP_STATUS
from openprm.programs.drilldown import CountedRows, FigureLine, counted_records, figure_line
from openprm.programs.models import (
    DowngradeReview,
    Partnership,
    Program,
    Snapshot,
    Tier,
    TierChange,
    TierRequirement,
)


def program_list(*, actor: Actor) -> QuerySet[Program]:
    return access.visible(Program, actor).annotate(
        tier_count=Count("tiers", filter=Q(tiers__is_retired=False), distinct=True),
        partner_count=Count("partnerships", distinct=True),
    )


def program_get(*, actor: Actor, pk: Any) -> Program:
    return access.get_visible(Program, actor, pk)


def ladder(*, actor: Actor, program: Program) -> list[Tier]:
    """The program's tiers, lowest first, with their requirements and how
    many partners hold each."""
    return list(
        access.visible(Tier, actor)
        .filter(program=program)
        .annotate(holders=Count("partnerships"))
        .prefetch_related(
            Prefetch(
                "requirements",
                queryset=TierRequirement.objects.order_by("indicator", "parameter", "pk"),
                to_attr="requirement_list",
            )
        )
        .order_by("rank")
    )


def tier_get(*, actor: Actor, pk: Any) -> Tier:
    return access.get_visible(
        Tier, actor, pk, queryset=access.visible(Tier, actor).select_related("program")
    )


def requirement_get(*, actor: Actor, pk: Any) -> TierRequirement:
    return access.get_visible(
        TierRequirement,
        actor,
        pk,
        queryset=access.visible(TierRequirement, actor).select_related("tier__program"),
    )


def _partnerships(actor: Actor) -> QuerySet[Partnership]:
    return access.visible(Partnership, actor).select_related(
        "partner__account", "program", "tier", "channel_manager", "last_snapshot"
    )


def partnership_list(*, actor: Actor) -> QuerySet[Partnership]:
    """The partnerships the actor's reach gives, each with `status_meaning`,
    its status as people read it (the lookup's meaning, not its code)."""
    meaning = access.unscoped(LookupValue).filter(
        lookup_type__code=PARTNERSHIP_STATUS, code=OuterRef("status")
    )
    return _partnerships(actor).annotate(status_meaning=Subquery(meaning.values("meaning")[:1]))


def partnership_get(*, actor: Actor, pk: Any) -> Partnership:
    return access.get_visible(Partnership, actor, pk, queryset=_partnerships(actor))


def partnership_of_partner(*, actor: Actor, partner_id: int) -> Partnership | None:
    return _partnerships(actor).filter(partner_id=partner_id).first()


def own_partnership(*, actor: Actor) -> Partnership:
    """PRG-7: the portal user's own organization's partnership, with what
    its tier's explanation reads (the home's progress block): not its own
    organization's name nor its channel manager, which it would read for
    nothing."""
    if actor.partner_id is None:
        raise NotFound
    found = (
        access.visible(Partnership, actor)
        .select_related("program", "tier", "last_snapshot")
        .filter(partner_id=actor.partner_id)
        .first()
    )
    if found is None:
        raise NotFound
    return found


def tier_history(*, actor: Actor, partnership: Partnership) -> QuerySet[TierChange]:
    return (
        access.visible(TierChange, actor)
        .filter(partnership=partnership)
        .select_related("from_tier", "to_tier", "changed_by", "snapshot")
    )


def snapshot_list(*, actor: Actor) -> QuerySet[Snapshot]:
    return access.visible(Snapshot, actor).select_related(
        "partnership__partner__account", "partnership__program", "tier", "qualified_tier"
    )


def snapshot_get(*, actor: Actor, pk: Any) -> Snapshot:
    return access.get_visible(Snapshot, actor, pk, queryset=snapshot_list(actor=actor))


def snapshot_figure(*, actor: Actor, pk: Any, figure: Any) -> tuple[Snapshot, FigureLine]:
    """PRG-11: a snapshot the actor sees and one of its figures that lists
    its records; NotFound otherwise."""
    snapshot = snapshot_get(actor=actor, pk=pk)
    return snapshot, figure_line(snapshot, figure)


def snapshot_counted(*, actor: Actor, pk: Any, figure: Any) -> QuerySet[Any]:
    """The records a figure of a snapshot the actor sees counted."""
    snapshot, line = snapshot_figure(actor=actor, pk=pk, figure=figure)
    return counted_records(snapshot, line)


def snapshot_counted_rows(*, actor: Actor, pk: Any, figure: Any) -> CountedRows:
    """The same, described (the API's rows)."""
    snapshot, line = snapshot_figure(actor=actor, pk=pk, figure=figure)
    return CountedRows(line, counted_records(snapshot, line))


def review_list(*, actor: Actor) -> QuerySet[DowngradeReview]:
    return access.visible(DowngradeReview, actor).select_related(
        "partnership__partner__account", "partnership__program", "from_tier", "to_tier"
    )


def review_get(*, actor: Actor, pk: Any) -> DowngradeReview:
    return access.get_visible(DowngradeReview, actor, pk, queryset=review_list(actor=actor))


def open_review(*, actor: Actor, partnership: Partnership) -> DowngradeReview | None:
    return (
        review_list(actor=actor)
        .filter(partnership=partnership, state=DowngradeReview.State.OPEN)
        .first()
    )


def manager_choices() -> list[tuple[int, str]]:
    """Active internal users, who may be a partnership's channel manager."""
    return [
        (user.pk, user.display_name)
        for user in access.unscoped(User)
        .filter(is_active=True, user_type=User.UserType.INTERNAL)
        .order_by("first_name", "last_name", "username")
    ]


def program_choices(*, actor: Actor) -> list[tuple[int, str]]:
    return list(access.visible(Program, actor).filter(is_active=True).values_list("pk", "name"))


def tier_choices(*, actor: Actor, program: Program) -> list[tuple[int, str]]:
    return list(
        access.visible(Tier, actor)
        .filter(program=program, is_retired=False)
        .order_by("rank")
        .values_list("pk", "name")
    )


def all_tier_choices(*, actor: Actor) -> list[tuple[int, str]]:
    """Every tier of every program, for the partnerships list's filter."""
    return [
        (pk, f"{program} · {name}")
        for pk, program, name in access.visible(Tier, actor)
        .order_by("program__name", "rank")
        .values_list("pk", "program__name", "name")
    ]


def program_get_to(*, actor: Actor, pk: Any, action: str) -> Program:
    """The program, if the actor may `action` it (its edit pages)."""
    program = program_get(actor=actor, pk=pk)
    access.require(actor, action, program)
    return program


def tier_get_to(*, actor: Actor, pk: Any, action: str) -> Tier:
    tier = tier_get(actor=actor, pk=pk)
    access.require(actor, action, tier)
    return tier


def partnership_get_to(*, actor: Actor, pk: Any, action: str) -> Partnership:
    partnership = partnership_get(actor=actor, pk=pk)
    access.require(actor, action, partnership)
    return partnership
