"""Who sees and manages programs, tiers and partnerships (PRG-3, PRG-4, PRG-7).

Every internal user sees the programs and their ladders (they sell with the
partners in them); a partner user sees its own program read-only, through
its partnership, and its own partnership. Only Manage Partner Programs
changes them. Internal users see the partnership of a partner they see.
"""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import missing_privilege
from openprm.partners.models import PartnerProfile
from openprm.partners.policies import profiles as _partners  # noqa: F401  the partner policy read below
from openprm.programs.catalog import MANAGE_PARTNER_PROGRAMS
from openprm.programs.models import (
    DowngradeReview,
    Partnership,
    Program,
    Snapshot,
    Tier,
    TierChange,
    TierRequirement,
)


def program_manager_refusal(actor: Actor) -> PermissionRefused | None:
    """PRG-4/PRG-11: programs, tiers, partnerships and overrides are the
    channel team's, with Manage Partner Programs."""
    if not actor.is_internal:
        return PermissionRefused(_("Only the brand owner manages partner programs."))
    return missing_privilege(actor, MANAGE_PARTNER_PROGRAMS)


@access.policy(Program)
class ProgramPolicy(access.Policy[Program]):
    def view(self, rows: QuerySet[Program], actor: Actor) -> QuerySet[Program]:
        if actor.is_internal:
            return rows
        if actor.partner_id is None:
            return rows.none()
        return rows.filter(partnerships__partner_id=actor.partner_id)

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return program_manager_refusal(actor)

    def check_change(self, actor: Actor, program: Program) -> PermissionRefused | None:
        """Its fields, its tiers and their requirements, and evaluating it."""
        return program_manager_refusal(actor)


@access.policy(Tier)
class TierPolicy(access.Policy[Tier]):
    def view(self, rows: QuerySet[Tier], actor: Actor) -> QuerySet[Tier]:
        return rows.filter(access.through_visible(Program, actor, "program"))

    def check_change(self, actor: Actor, tier: Tier) -> PermissionRefused | None:
        return program_manager_refusal(actor)

    def check_delete(self, actor: Actor, tier: Tier) -> PermissionRefused | None:
        return program_manager_refusal(actor)


@access.register(TierRequirement)
def _requirements(rows: QuerySet[TierRequirement], actor: Actor) -> QuerySet[TierRequirement]:
    return rows.filter(access.through_visible(Tier, actor, "tier"))


@access.policy(Partnership)
class PartnershipPolicy(access.Policy[Partnership]):
    def view(self, rows: QuerySet[Partnership], actor: Actor) -> QuerySet[Partnership]:
        if actor.is_internal:
            return rows.filter(access.through_visible(PartnerProfile, actor, "partner"))
        partner_id = actor.partner_id
        return rows.filter(partner_id=partner_id) if partner_id is not None else rows.none()

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return program_manager_refusal(actor)

    def check_change(self, actor: Actor, partnership: Partnership) -> PermissionRefused | None:
        """Its conditions and status, and a tier override (PRG-11)."""
        return program_manager_refusal(actor)


@access.register(Snapshot)
def _snapshots(rows: QuerySet[Snapshot], actor: Actor) -> QuerySet[Snapshot]:
    """PRG-11: an evaluation's figures are seen with the partnership."""
    return rows.filter(access.through_visible(Partnership, actor, "partnership"))


@access.register(TierChange)
def _tier_changes(rows: QuerySet[TierChange], actor: Actor) -> QuerySet[TierChange]:
    return rows.filter(access.through_visible(Partnership, actor, "partnership"))


@access.policy(DowngradeReview)
class DowngradeReviewPolicy(access.Policy[DowngradeReview]):
    """The channel team decides a review; the partner does not see it open
    (it sees what would make it fall back on its program page)."""

    def view(self, rows: QuerySet[DowngradeReview], actor: Actor) -> QuerySet[DowngradeReview]:
        if not actor.is_internal:
            return rows.none()
        return rows.filter(access.through_visible(Partnership, actor, "partnership"))

    def check_decide(self, actor: Actor, review: DowngradeReview) -> PermissionRefused | None:
        return program_manager_refusal(actor)
