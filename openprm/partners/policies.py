"""Who sees which partners and partner contacts (PRG-7, DESIGN.md: fail closed).

A portal user belongs to the partner of its PartnerContact membership — read
from the database, never from a request — and sees that partner only.
Internal users holding Manage Partners see every partner; other internal
users see a partner when they see its account (TEAM-5).

Creating, changing and (in)activating partners, adding and removing their
contacts, promoting a contact and flagging an account a managed partner is
the channel team's work: internal users with Manage Partners (PC-1). So are
a partner's portal settings (PRG-13). The partner administrator manages the
portal users of its own organization (PRG-2), and a parent partner's users
see its subsidiaries' contacts — and, through the Actor's `partner_reach`,
their deals and trainings — where the channel team switched that on for the
parent (PRG-13).
"""

import datetime as dt

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import has_privilege, missing_privilege
from openprm.customers import policies as _accounts  # noqa: F401  the policy extended below
from openprm.customers.hierarchy import descendants_sql
from openprm.customers.models import Account
from openprm.customers.reach import (
    AccountSql,
    register_account_edit_grant,
    register_account_grant,
)
from openprm.identity.actors import partner_reach_reader
from openprm.identity.catalog import PARTNER_ADMINISTRATOR
from openprm.identity.models import User
from openprm.identity.sign_in import sign_in_gate
from openprm.partners.catalog import MANAGE_PARTNERS
from openprm.partners.models import (
    PartnerContact,
    PartnerContactFavorite,
    PartnerProfile,
    PortalInvitation,
)


def membership(actor: Actor) -> PartnerContact | None:
    """The active portal user's own partner contact record, read once per
    request; None for internal users and users without one."""
    if not (actor.is_active and actor.is_partner):
        return None
    return actor.remembered(
        "partners.membership",
        lambda: (
            PartnerContact.objects.select_related("partner__account", "role", "person")
            .filter(user_id=actor.pk)
            .order_by("pk")
            .first()
        ),
    )


def portal_refusal(user: User, session_signed_in_at: dt.datetime | None) -> str | None:
    """PRG-13: a partner user signs in, keeps its session and uses its
    tokens only while its organization's portal is enabled; a session
    signed in before the portal was last switched off is over."""
    found = (
        PartnerContact.objects.filter(user_id=user.pk)
        .values_list(
            "partner__portal_enabled", "partner__portal_signed_out_at", "partner__account__name"
        )
        .first()
    )
    if found is None:
        return None
    enabled, signed_out_at, name = found
    if not enabled:
        return _(
            "The partner portal is switched off for %(name)s. "
            "Ask your channel manager to switch it on again."
        ) % {"name": name}
    if (
        session_signed_in_at is not None
        and signed_out_at is not None
        and session_signed_in_at < signed_out_at
    ):
        return _(
            "You were signed out when the partner portal was switched off for %(name)s. "
            "Sign in again."
        ) % {"name": name}
    return None


sign_in_gate(portal_refusal)


def is_partner_administrator_of(actor: Actor, partner_id: int) -> bool:
    """PRG-2: the actor is the partner administrator of `partner_id` itself
    (not of its parent: a parent's administrator does not manage the
    subsidiaries' users)."""
    own = membership(actor)
    return (
        own is not None
        and own.partner_id == partner_id
        and own.role is not None
        and own.role.code == PARTNER_ADMINISTRATOR
    )


def partner_reach(user_id: int) -> tuple[int, ...]:
    """PRG-7, PRG-13: the organizations whose business a portal user sees
    (the Actor's `partner_reach`, read once per request): its own partner —
    from its membership, one query —, then the partners below it in the
    account hierarchy when the channel team switched that on for its
    organization (never its parent's or its siblings'). Empty for a user
    without a membership."""
    found = (
        PartnerContact.objects.filter(user_id=user_id)
        .values_list("partner_id", "partner__account_id", "partner__portal_shows_subsidiaries")
        .order_by("pk")
        .first()
    )
    if found is None:
        return ()
    partner_id, account_id, shows_subsidiaries = found
    if not shows_subsidiaries:
        return (partner_id,)
    below = (
        PartnerProfile.objects.filter(
            account_id__in=descendants_sql(account_id, active_only=True),
            managed_partner=True,
            account__account_type=Account.AccountType.PARTNER,
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    return (partner_id, *below)


partner_reach_reader(partner_reach)


_PROFILES = PartnerProfile._meta.db_table


_ACCOUNTS = Account._meta.db_table


def _managed_partner_row() -> AccountSql:
    """The account row is a managed partner (PA-2)."""
    partner = (Account.AccountType.PARTNER.value,)
    return AccountSql(
        f"{{type}} = %s AND EXISTS (SELECT 1 FROM {_PROFILES} pp "  # noqa: S608
        "WHERE pp.account_id = {id} AND pp.managed_partner)",
        partner,
        f"SELECT pp.account_id FROM {_PROFILES} pp JOIN {_ACCOUNTS} a ON a.id = pp.account_id "  # noqa: S608
        "WHERE pp.managed_partner AND a.account_type = %s",
        partner,
    )


def _partner_account_grant(actor: Actor) -> AccountSql | None:
    """PRG-7: a portal user sees its own partner's account; channel managers
    (Manage Partners) see every managed partner's account (PA-1: one party,
    shown among accounts and among partners)."""
    if actor.is_internal:
        return _managed_partner_row() if has_privilege(actor, MANAGE_PARTNERS) else None
    found = membership(actor)
    if found is None:
        return None
    own = (found.partner.account_id,)
    return AccountSql("{id} = %s", own, f"SELECT id FROM {_ACCOUNTS} WHERE id = %s", own)  # noqa: S608


def _partner_account_edit_grant(actor: Actor) -> AccountSql | None:
    """PC-1: channel account managers manage partner organizations."""
    if actor.is_internal and has_privilege(actor, MANAGE_PARTNERS):
        return _managed_partner_row()
    return None


register_account_grant("partner", _partner_account_grant)
register_account_edit_grant("partner", _partner_account_edit_grant)


def partner_manager_refusal(actor: Actor) -> PermissionRefused | None:
    """PC-1: channel account managers (Manage Partners) manage partners and
    their contacts; portal users never do it through the partner screens."""
    if not actor.is_internal:
        return PermissionRefused(_("Only internal users can manage partners here."))
    return missing_privilege(actor, MANAGE_PARTNERS)


@access.policy(PartnerProfile)
class PartnerProfilePolicy(access.Policy[PartnerProfile]):
    """A partner, and the contacts added to it or removed from it (an action
    of the partner: `manage_contacts`), are managed by the channel team."""

    def view(self, rows: QuerySet[PartnerProfile], actor: Actor) -> QuerySet[PartnerProfile]:
        rows = rows.filter(account__is_active=True)
        if actor.is_internal:
            if has_privilege(actor, MANAGE_PARTNERS):
                return rows
            return rows.filter(access.through_visible(Account, actor, "account"))
        partner_id = actor.partner_id
        return rows.filter(pk=partner_id) if partner_id is not None else rows.none()

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return partner_manager_refusal(actor)

    def check_change(self, actor: Actor, partner: PartnerProfile) -> PermissionRefused | None:
        """Its fields and its status (PA-3/PA-4: inactivate, activate)."""
        return partner_manager_refusal(actor)

    def check_manage_contacts(
        self, actor: Actor, partner: PartnerProfile
    ) -> PermissionRefused | None:
        """PC-1/PC-4/PA-6: a new or an existing contact added to the partner."""
        return partner_manager_refusal(actor)

    def check_manage_portal(
        self, actor: Actor, partner: PartnerProfile
    ) -> PermissionRefused | None:
        """PRG-13: whether the portal is on, the highest user type and the
        subsidiaries switch are the brand owner's (the channel team)."""
        return partner_manager_refusal(actor)

    def check_manage_portal_users(
        self, actor: Actor, partner: PartnerProfile
    ) -> PermissionRefused | None:
        """PRG-2: the partner administrator invites users to its own organization."""
        return (
            None if is_partner_administrator_of(actor, partner.pk) else _not_partner_administrator()
        )


@access.policy(PartnerContact)
class PartnerContactPolicy(access.Policy[PartnerContact]):
    """A partner's contacts show with the partner; the channel team changes
    them — role, promotion to resource and to portal user (PC-2, PC-3,
    PA-6) — and deletes them (PC-5)."""

    def view(self, rows: QuerySet[PartnerContact], actor: Actor) -> QuerySet[PartnerContact]:
        if actor.is_internal:
            return rows.filter(access.through_visible(PartnerProfile, actor, "partner"))
        if actor.partner_id is None:
            return rows.none()
        return rows.filter(access.partner_reach_q(actor))

    def check_change(self, actor: Actor, contact: PartnerContact) -> PermissionRefused | None:
        return partner_manager_refusal(actor)

    def check_delete(self, actor: Actor, contact: PartnerContact) -> PermissionRefused | None:
        return partner_manager_refusal(actor)

    def check_manage_portal_user(
        self, actor: Actor, contact: PartnerContact
    ) -> PermissionRefused | None:
        """PRG-2: the user's type and activity are its own organization's
        partner administrator's."""
        if is_partner_administrator_of(actor, contact.partner_id):
            return None
        return _not_partner_administrator()

    def check_resend_invitation(
        self, actor: Actor, contact: PartnerContact
    ) -> PermissionRefused | None:
        """PC-2, PRG-2: the channel team or the organization's partner
        administrator sends a new invitation link."""
        if actor.is_internal:
            return partner_manager_refusal(actor)
        return self.check_manage_portal_user(actor, contact)


def _not_partner_administrator() -> PermissionRefused:
    return PermissionRefused(
        _("Only your organization's partner administrator can manage its users.")
    )


@access.register(PortalInvitation)
def _invitations(queryset: QuerySet[PortalInvitation], actor: Actor) -> QuerySet[PortalInvitation]:
    """PC-2: an invitation shows with its user's partner contact."""
    return queryset.filter(
        user__partner_contact__in=access.visible(PartnerContact, actor).values("pk")
    )


@access.contributed_check(Account, "mark_managed_partner")
def _mark_managed_partner(actor: Actor, account: Account) -> PermissionRefused | None:
    """PA-2: the account screens' managed-partner flag is the channel team's,
    on an account it may edit (TEAM-2)."""
    refused = partner_manager_refusal(actor)
    if refused is None and not access.can(actor, "change", account):
        refused = access.policy_of(Account).refusal("change")
    return refused


@access.register(PartnerContactFavorite)
def _favorites(
    queryset: QuerySet[PartnerContactFavorite], actor: Actor
) -> QuerySet[PartnerContactFavorite]:
    """PC-6: a user's favorites are theirs alone, and only of contacts still visible."""
    return queryset.filter(
        access.through_visible(PartnerContact, actor, "partner_contact"), user_id=actor.pk
    )
