"""The programs lists: programs, partnerships, evaluation snapshots and
downgrade reviews — declared once for pages, files and the API."""

from typing import Any

from django.db.models import QuerySet
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from openprm.core.actor import Actor
from openprm.core.tables import Column, ListSpec, Query
from openprm.programs import selectors
from openprm.programs.filters import PartnershipFilter, ReviewFilter, SnapshotFilter
from openprm.programs.models import DowngradeReview, Partnership, Program, Snapshot


def _filtered(rows: QuerySet[Any], filters: Any) -> QuerySet[Any]:
    return filters.filter(rows) if filters is not None else rows


def _programs(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Program]:
    return selectors.program_list(actor=actor)


def _partnerships(
    *, actor: Actor, filters: Any, query: Query, **scope: Any
) -> QuerySet[Partnership]:
    return _filtered(selectors.partnership_list(actor=actor), filters)


def _snapshots(*, actor: Actor, filters: Any, query: Query, **scope: Any) -> QuerySet[Snapshot]:
    return _filtered(selectors.snapshot_list(actor=actor), filters)


def _reviews(
    *, actor: Actor, filters: Any, query: Query, **scope: Any
) -> QuerySet[DowngradeReview]:
    return _filtered(selectors.review_list(actor=actor), filters)


def _partner_tab(partnership: Partnership) -> str:
    return reverse("programs:partner_program", args=[partnership.partner_id])


PROGRAMS = ListSpec(
    name="programs.programs",
    select=_programs,
    columns=(
        Column("id", _("ID"), lambda p: p.pk, shown=False),
        Column("name", _("Program"), sort="name", link=Program.get_absolute_url),
        Column("code", _("Code"), sort="code"),
        Column("tiers", _("Tiers"), lambda p: p.tier_count),
        Column("partners", _("Partners"), lambda p: p.partner_count),
        Column("currency", _("Currency")),
        Column(
            "next",
            _("Next evaluation"),
            lambda p: p.next_evaluation_on or "",
            sort="next_evaluation_on",
        ),
        Column("active", _("Active"), lambda p: p.is_active),
    ),
    default_sort="name",
    filename="programs",
)


def _manager(partnership: Partnership) -> str:
    return partnership.channel_manager.display_name if partnership.channel_manager else ""


def _outcome(snapshot: Snapshot) -> str:
    """PRG-11: what the evaluation concluded, in a few words."""
    if snapshot.incomplete:
        return gettext("Not placed: %(n)s record(s) could not be counted") % {
            "n": len(snapshot.incomplete)
        }
    if snapshot.qualified_tier is None:
        return gettext("No open tier")
    names = {"tier": snapshot.tier.name, "reached": snapshot.qualified_tier.name}
    if snapshot.qualified_tier.rank < snapshot.tier.rank:
        return gettext("Short of %(tier)s: the figures reach %(reached)s") % names
    return gettext("Figures reach %(reached)s") % names


PARTNERSHIPS = ListSpec(
    name="programs.partnerships",
    select=_partnerships,
    columns=(
        Column("id", _("ID"), lambda p: p.pk, shown=False),
        Column(
            "partner",
            _("Partner"),
            lambda p: p.partner.account.name,
            sort="partner__account__name_search",
            link=_partner_tab,
        ),
        Column("program", _("Program"), lambda p: p.program.name, sort="program__name"),
        Column("tier", _("Tier"), lambda p: p.tier.name, sort="tier__rank"),
        Column("since", _("In tier since"), lambda p: p.tier_since, sort="tier_since"),
        Column("status", _("Status"), lambda p: p.status_meaning or p.status, sort="status"),
        Column(
            "manager",
            _("Channel manager"),
            _manager,
            sort=("channel_manager__first_name", "channel_manager__last_name"),
        ),
        Column("starts", _("Start"), lambda p: p.starts_on or "", sort="starts_on"),
        Column("ends", _("End"), lambda p: p.ends_on or "", sort="ends_on"),
    ),
    default_sort="partner",
    filename="partnerships",
    filters=PartnershipFilter,
    row_key=lambda p: f"partnership-{p.pk}",
)

SNAPSHOTS = ListSpec(
    name="programs.snapshots",
    select=_snapshots,
    columns=(
        Column("id", _("ID"), lambda s: s.pk, shown=False),
        Column(
            "partner",
            _("Partner"),
            lambda s: s.partnership.partner.account.name,
            link=Snapshot.get_absolute_url,
        ),
        Column("program", _("Program"), lambda s: s.partnership.program.name),
        Column("evaluated", _("Evaluated"), lambda s: s.evaluated_at, sort="evaluated_at"),
        Column("tier", _("Tier held"), lambda s: s.tier.name),
        Column(
            "qualified",
            _("Figures reach"),
            lambda s: s.qualified_tier.name if s.qualified_tier else "",
            shown=False,
        ),
        Column("outcome", _("Outcome"), _outcome),
        Column("errors", _("Records not counted"), lambda s: len(s.incomplete), shown=False),
    ),
    default_sort="-evaluated",
    filename="tier-evaluations",
    filters=SnapshotFilter,
    count=False,
    row_key=lambda s: f"snapshot-{s.pk}",
)

REVIEWS = ListSpec(
    name="programs.reviews",
    select=_reviews,
    columns=(
        Column("id", _("ID"), lambda r: r.pk, shown=False),
        Column(
            "partner",
            _("Partner"),
            lambda r: r.partnership.partner.account.name,
            link=lambda r: _partner_tab(r.partnership),
        ),
        Column("program", _("Program"), lambda r: r.partnership.program.name),
        Column("from", _("Current tier"), lambda r: r.from_tier.name),
        Column("to", _("Proposed tier"), lambda r: r.to_tier.name),
        Column("opened", _("Opened"), lambda r: r.opened_on, sort="opened_on"),
        Column("grace", _("Grace period ends"), lambda r: r.grace_ends_on, sort="grace_ends_on"),
        Column("state", _("State"), lambda r: r.get_state_display(), sort="state"),
    ),
    default_sort="grace",
    filename="downgrade-reviews",
    filters=ReviewFilter,
    row_key=lambda r: f"review-{r.pk}",
)
