"""Who sees and manages a partner (PRG-7, PC-1, PRG-2, PRG-13)."""

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import has_privilege
from openprm.customers.models import Account
from openprm.partners.catalog import MANAGE_PARTNERS
from openprm.partners.models import PartnerProfile
from openprm.partners.policies.membership import is_partner_administrator_of
from openprm.partners.policies.refusals import not_partner_administrator, partner_manager_refusal


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
            None if is_partner_administrator_of(actor, partner.pk) else not_partner_administrator()
        )
