"""The accounts the partners app opens (PRG-7, PC-1, PA-1, PA-2): a portal
user's own partner's account, the managed partners' for the channel team,
and the managed-partner flag on the account screens."""

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import has_privilege
from openprm.customers import policies as _accounts  # noqa: F401  the policy extended below
from openprm.customers.models import Account
from openprm.customers.reach import AccountSql, register_account_edit_grant, register_account_grant
from openprm.partners.catalog import MANAGE_PARTNERS
from openprm.partners.models import PartnerProfile
from openprm.partners.policies.membership import membership
from openprm.partners.policies.refusals import partner_manager_refusal

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


@access.contributed_check(Account, "mark_managed_partner")
def _mark_managed_partner(actor: Actor, account: Account) -> PermissionRefused | None:
    """PA-2: the account screens' managed-partner flag is the channel team's,
    on an account it may edit (TEAM-2)."""
    refused = partner_manager_refusal(actor)
    if refused is None and not access.can(actor, "change", account):
        refused = access.policy_of(Account).refusal("change")
    return refused
