"""Who sees and acts on registrations, opportunities and leads (DEAL-2..9,
PRG-7: a partner user reaches its own organization's records only; PRG-13:
a parent partner's users also see its subsidiaries' where the brand owner
switched that on — see, never change or answer for them).

- Registrations: the partner's users see their organization's; internal users
  see submitted ones (never drafts, the partner's work in progress) when they
  approve registrations or manage partners, or when they are the
  registration's channel manager.
- Opportunities: internal users see those of the accounts they see; a
  partner user those whose partner is its organization or whose team has
  one of its organization's resources (DEAL-9).
- Accounts: a partner user also sees the customer accounts of the
  opportunities it sees (an approved registration puts it on one), so it
  can shop and order for those customers and pick their contacts (ORD-6).
- Leads: internal users see those of the accounts they see; a partner user
  those offered to, accepted by or passed on by its organization (DEAL-4,
  DEAL-8).
"""

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import has_privilege, missing_privilege
from openprm.customers.levels import AccessLevel
from openprm.customers.models import Account
from openprm.customers.reach import (
    AccountSql,
    account_access_level,
    account_edit_q,
    register_account_grant,
)
from openprm.deals.catalog import APPROVE_DEAL_REGISTRATIONS
from openprm.deals.errors import DealErrorCode
from openprm.deals.models import (
    DealRegistration,
    Lead,
    LeadOffer,
    Opportunity,
    OpportunityLine,
    OpportunityTeamMember,
    RegistrationLine,
)
from openprm.partners.catalog import MANAGE_PARTNERS
from openprm.partners.models import PartnerContact


def _channel_team(actor: Actor) -> bool:
    return actor.is_internal and (
        has_privilege(actor, APPROVE_DEAL_REGISTRATIONS) or has_privilege(actor, MANAGE_PARTNERS)
    )


@access.policy(DealRegistration)
class RegistrationPolicy(access.Policy[DealRegistration]):
    def view(self, rows: QuerySet[DealRegistration], actor: Actor) -> QuerySet[DealRegistration]:
        if actor.is_internal:
            rows = rows.exclude(state=DealRegistration.State.DRAFT)
            return rows if _channel_team(actor) else rows.filter(channel_manager_id=actor.pk)
        if actor.partner_id is None:
            return rows.none()
        return rows.filter(access.partner_reach_q(actor))

    def change(self, rows: QuerySet[DealRegistration], actor: Actor) -> QuerySet[DealRegistration]:
        """The partner edits, submits and withdraws its own registrations."""
        if actor.is_internal or actor.partner_id is None:
            return rows.none()
        return rows.filter(partner_id=actor.partner_id)

    def check_approve(
        self, actor: Actor, registration: DealRegistration
    ) -> PermissionRefused | None:
        """Approving, rejecting, returning and extending need Approve Deal Registrations."""
        return missing_privilege(actor, APPROVE_DEAL_REGISTRATIONS)

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        """Partner users register deals for their organization (DEAL-2)."""
        if actor.partner_id is None:
            return PermissionRefused()
        return None


access.register(RegistrationLine)(
    lambda rows, actor: rows.filter(access.through_visible(DealRegistration, actor, "registration"))
)


def _partner_resources(actor: Actor) -> QuerySet[PartnerContact]:
    return PartnerContact.objects.filter(access.partner_reach_q(actor), resource__isnull=False)


EDITING = (AccessLevel.EDIT, AccessLevel.FULL)


def _full_access(actor: Actor, opportunity: Opportunity) -> PermissionRefused | None:
    """TEAM-2 on a deal: Full is the owner's, a Full team member's, and
    whoever holds Full on its account (its owner, sales administrators, a
    Full account team member); Edit edits the deal but not its team."""
    if actor.is_internal:
        if opportunity.owner_id == actor.pk:
            return None
        if (
            actor.resource_id is not None
            and opportunity.team.filter(
                resource_id=actor.resource_id, access_level=AccessLevel.FULL
            ).exists()
        ):
            return None
        if account_access_level(actor, opportunity.account) == AccessLevel.FULL:
            return None
    return PermissionRefused(
        _("Only the owner and people with Full access manage this deal's team and owner."),
        code=DealErrorCode.FULL_ACCESS_NEEDED,
    )


@access.policy(Opportunity)
class OpportunityPolicy(access.Policy[Opportunity]):
    reach_field = "partner_id"

    def view(self, rows: QuerySet[Opportunity], actor: Actor) -> QuerySet[Opportunity]:
        if actor.is_internal:
            return rows.filter(access.through_visible(Account, actor, "account"))
        if actor.partner_id is None:
            return rows.none()
        # `pk IN (…)` rather than a correlated EXISTS: each side of the OR is
        # then read by index (SQLite's multi-index OR) instead of testing
        # every opportunity, a partner's dashboard at 50,000 deals 17 -> 10 ms.
        on_team = OpportunityTeamMember.objects.filter(
            resource_id__in=_partner_resources(actor).values("resource_id")
        ).values("opportunity_id")
        return rows.filter(access.partner_reach_q(actor) | Q(pk__in=on_team))

    def change(self, rows: QuerySet[Opportunity], actor: Actor) -> QuerySet[Opportunity]:
        """The owner, Edit and Full team members, and whoever edits the
        account; a partner user only where its own resource is on the team
        at Edit or Full (DEAL-9, TEAM-2): its organization being the deal's
        partner lets it see the deal, not change it."""
        if not actor.is_internal:
            if actor.partner_id is None:
                return rows.none()
            mine = PartnerContact.objects.filter(
                user_id=actor.pk, partner_id=actor.partner_id, resource__isnull=False
            ).values("resource_id")
            return rows.filter(
                pk__in=OpportunityTeamMember.objects.filter(
                    resource_id__in=mine, access_level__in=EDITING
                ).values("opportunity_id")
            )
        editing = Q(owner_id=actor.pk)
        if actor.resource_id is not None:
            editing |= Exists(
                OpportunityTeamMember.objects.filter(
                    opportunity=OuterRef("pk"),
                    resource_id=actor.resource_id,
                    access_level__in=EDITING,
                )
            )
        account_edit = account_edit_q(actor)
        if account_edit is None:
            return rows
        editable_accounts = Account.objects.filter(account_edit, pk=OuterRef("account_id"))
        return rows.filter(editing | Exists(editable_accounts))

    def stage(self, rows: QuerySet[Opportunity], actor: Actor) -> QuerySet[Opportunity]:
        """Moving the deal through its stages is editing it (TEAM-2)."""
        return self.change(rows, actor)

    def manage_team(self, rows: QuerySet[Opportunity], actor: Actor) -> QuerySet[Opportunity]:
        """Only the brand owner's people manage a deal's team (partner users
        would be offered every resource's name, PRG-7); which of them, the
        Full-access check says."""
        return self.change(rows, actor) if actor.is_internal else rows.none()

    def check_manage_team(self, actor: Actor, opportunity: Opportunity) -> PermissionRefused | None:
        """TEAM-2: Edit edits the deal but not its team; Full does both."""
        return _full_access(actor, opportunity)

    def check_assign(self, actor: Actor, opportunity: Opportunity) -> PermissionRefused | None:
        """Giving the deal another owner takes Full access (TEAM-2)."""
        return _full_access(actor, opportunity)

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        """Internal sales users open opportunities; partners register deals instead."""
        return None if actor.is_internal else PermissionRefused()


for child, parent in ((OpportunityLine, "opportunity"), (OpportunityTeamMember, "opportunity")):
    access.register(child)(
        lambda rows, actor, parent=parent: rows.filter(
            access.through_visible(Opportunity, actor, parent)
        )
    )


def _deal_account_grant(actor: Actor) -> AccountSql | None:
    """DEAL-9, ORD-6: the accounts of the partner user's opportunities, by
    the same two ways `OpportunityPolicy.view` sees them; index lookups from
    the partner's rows, so the reach stays small.

    The condition on one account row looks up that account's opportunities
    (by index), rather than testing the account against every account of
    the partner: a contact read by primary key checked it in 17 µs instead
    of 240 µs on SQLite (docs/performance.md, issue 19)."""
    reach = actor.partner_reach
    if actor.is_internal or not reach:
        return None
    marks = ", ".join(["%s"] * len(reach))
    opportunities = Opportunity._meta.db_table
    team = OpportunityTeamMember._meta.db_table
    contacts = PartnerContact._meta.db_table
    sold = f"SELECT o.account_id FROM {opportunities} o WHERE o.partner_id IN ({marks})"  # noqa: S608
    helped = (
        f"SELECT o.account_id FROM {opportunities} o "  # noqa: S608
        f"JOIN {team} t ON t.opportunity_id = o.id "
        f"JOIN {contacts} pc ON pc.resource_id = t.resource_id WHERE pc.partner_id IN ({marks})"
    )
    row = (
        f"EXISTS ({sold} AND o.account_id = {{id}}) OR EXISTS ({helped} AND o.account_id = {{id}})"
    )
    return AccountSql(row, reach * 2, f"{sold} UNION {helped}", reach * 2)


register_account_grant("deal", _deal_account_grant)


@access.policy(Lead)
class LeadPolicy(access.Policy[Lead]):
    def view(self, rows: QuerySet[Lead], actor: Actor) -> QuerySet[Lead]:
        if actor.is_internal:
            return rows.filter(access.through_visible(Account, actor, "account"))
        if actor.partner_id is None:
            return rows.none()
        # A list of the leads offered, not a test per lead: PostgreSQL reads
        # it once into a hash where EXISTS ran for each of the partner's
        # 10,000 leads beside the OR (6.8 -> 2.5 ms, docs/performance.md).
        offered = LeadOffer.objects.filter(
            access.partner_reach_q(actor), outcome=LeadOffer.Outcome.OPEN
        ).values("lead_id")
        return rows.filter(
            access.partner_reach_q(actor)
            | access.partner_reach_q(actor, "referring_partner_id")
            | Q(pk__in=offered)
        )

    def check_route(self, actor: Actor, lead: Lead) -> PermissionRefused | None:
        """Channel managers route leads (DEAL-4)."""
        return missing_privilege(actor, MANAGE_PARTNERS)

    def check_answer(self, actor: Actor, lead: Lead) -> PermissionRefused | None:
        """Partner users answer the leads offered to them (DEAL-4, DEAL-8)."""
        return None if actor.partner_id is not None else PermissionRefused()

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return None if actor.is_internal else PermissionRefused()


access.register(LeadOffer)(
    lambda rows, actor: (
        rows.filter(access.through_visible(Lead, actor, "lead"))
        if actor.is_internal
        else rows.filter(access.partner_reach_q(actor))
        if actor.partner_id is not None
        else rows.none()
    )
)
