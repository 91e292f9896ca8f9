"""Who sees and manages a partner's contacts, their portal invitations and
favorites (PC-1 to PC-6, PRG-2)."""

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.partners.models import (
    PartnerContact,
    PartnerContactFavorite,
    PartnerProfile,
    PortalInvitation,
)
from openprm.partners.policies.membership import is_partner_administrator_of
from openprm.partners.policies.refusals import not_partner_administrator, partner_manager_refusal


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
        return not_partner_administrator()

    def check_resend_invitation(
        self, actor: Actor, contact: PartnerContact
    ) -> PermissionRefused | None:
        """PC-2, PRG-2: the channel team or the organization's partner
        administrator sends a new invitation link."""
        if actor.is_internal:
            return partner_manager_refusal(actor)
        return self.check_manage_portal_user(actor, contact)


@access.register(PortalInvitation)
def _invitations(queryset: QuerySet[PortalInvitation], actor: Actor) -> QuerySet[PortalInvitation]:
    """PC-2: an invitation shows with its user's partner contact."""
    return queryset.filter(
        user__partner_contact__in=access.visible(PartnerContact, actor).values("pk")
    )


@access.register(PartnerContactFavorite)
def _favorites(
    queryset: QuerySet[PartnerContactFavorite], actor: Actor
) -> QuerySet[PartnerContactFavorite]:
    """PC-6: a user's favorites are theirs alone, and only of contacts still visible."""
    return queryset.filter(
        access.through_visible(PartnerContact, actor, "partner_contact"), user_id=actor.pk
    )
