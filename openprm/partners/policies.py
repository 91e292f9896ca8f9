"""Who sees which partners and partner contacts (PRG-7, DESIGN.md: fail closed).

A portal user belongs to the partner of its PartnerContact membership — read
from the database, never from a request — and sees that partner only.
Internal users holding Manage Partners see every partner; other internal
users see a partner when they see its account (TEAM-5).
"""

from django.db.models import QuerySet

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.privileges import has_privilege
from openprm.customers.models import Account
from openprm.customers.reach import (
    AccountSql,
    register_account_edit_grant,
    register_account_grant,
)
from openprm.identity.actors import partner_membership_reader
from openprm.partners.catalog import MANAGE_PARTNERS
from openprm.partners.models import PartnerContact, PartnerContactFavorite, PartnerProfile


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


def partner_of_user(user_id: int) -> int | None:
    """The partner a portal user belongs to (the Actor's `partner_id`)."""
    return (
        PartnerContact.objects.filter(user_id=user_id).values_list("partner_id", flat=True).first()
    )


partner_membership_reader(partner_of_user)


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


@access.register(PartnerProfile)
def _partners(queryset: QuerySet[PartnerProfile], actor: Actor) -> QuerySet[PartnerProfile]:
    queryset = queryset.filter(account__is_active=True)
    if actor.is_internal:
        if has_privilege(actor, MANAGE_PARTNERS):
            return queryset
        return queryset.filter(access.through_visible(Account, actor, "account"))
    partner_id = actor.partner_id
    return queryset.filter(pk=partner_id) if partner_id is not None else queryset.none()


@access.register(PartnerContact)
def _partner_contacts(queryset: QuerySet[PartnerContact], actor: Actor) -> QuerySet[PartnerContact]:
    if actor.is_internal:
        return queryset.filter(access.through_visible(PartnerProfile, actor, "partner"))
    partner_id = actor.partner_id
    return queryset.filter(partner_id=partner_id) if partner_id is not None else queryset.none()


@access.register(PartnerContactFavorite)
def _favorites(
    queryset: QuerySet[PartnerContactFavorite], actor: Actor
) -> QuerySet[PartnerContactFavorite]:
    """PC-6: a user's favorites are theirs alone, and only of contacts still visible."""
    return queryset.filter(
        access.through_visible(PartnerContact, actor, "partner_contact"), user_id=actor.pk
    )
