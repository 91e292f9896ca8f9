"""Who may see and do what on accounts and the records that follow them
(TEAM-2, TEAM-5, CUS-8, CUS-9)."""

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import PermissionRefused
from openprm.core.privileges import missing_privilege
from openprm.customers.catalog import DELETE_SALES_PARTY
from openprm.customers.errors import CustomerErrorCode
from openprm.customers.models import Account, BillingAccount, LegalEntity, Note
from openprm.customers.reach import account_access_sql, account_edit_q, reach_is_small


def _internal_only(actor: Actor) -> PermissionRefused | None:
    """Partner (portal) users never create accounts or legal entities here:
    what their organization owns comes through the partners app."""
    if actor.is_internal:
        return None
    return PermissionRefused(_("Only internal users can manage accounts here."))


@access.policy(Account)
class AccountPolicy(access.Policy[Account]):
    def view(self, rows: QuerySet[Account], actor: Actor) -> QuerySet[Account]:
        """Active accounts only (CUS-9), then what the actor's role, ownership
        and the registered grants give (TEAM-5). Partner users see only what a
        grant gives them."""
        rows = rows.filter(is_active=True)
        condition = account_access_sql(actor)
        if condition is None:
            return rows
        if reach_is_small(actor, condition):
            return rows.filter(
                access.RowCondition(f"{{id}} IN ({condition.ids})", condition.ids_params, id="pk")
            )
        return rows.filter(condition.q())

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        """CUS-1: every internal user creates accounts (and owns them)."""
        return _internal_only(actor)

    def change(self, rows: QuerySet[Account], actor: Actor) -> QuerySet[Account]:
        """TEAM-2: owners, sales data administrators and the edit grants
        (Edit and Full team members, territories, managers, channel managers
        on managed partners) edit; converting a prospect is an edit (CUS-3)."""
        if not actor.is_internal:
            return rows.none()
        condition = account_edit_q(actor)
        return rows if condition is None else rows.filter(condition)

    def check_delete(self, actor: Actor, account: Account) -> PermissionRefused | None:
        """CUS-9: a soft delete needs Delete Sales Party."""
        return missing_privilege(actor, DELETE_SALES_PARTY)

    def refusal(self, action: str) -> PermissionRefused:
        return PermissionRefused(
            _("You may view this account but not edit it."),
            code=CustomerErrorCode.ACCOUNT_EDIT_ACCESS_REQUIRED,
        )


@access.register(BillingAccount)
def _billing_accounts(queryset: QuerySet[BillingAccount], actor: Actor) -> QuerySet[BillingAccount]:
    """CUS-8: a billing account is visible with its account."""
    return queryset.filter(access.through_visible(Account, actor, "account"))


@access.register(Note)
def _notes(queryset: QuerySet[Note], actor: Actor) -> QuerySet[Note]:
    """CUS-9: notes of a deleted or invisible account cannot be viewed."""
    return queryset.filter(access.through_visible(Account, actor, "account"))


@access.policy(LegalEntity)
class LegalEntityPolicy(access.Policy[LegalEntity]):
    """Legal entities are the brand owner's own records (CUS-7)."""

    def view(self, rows: QuerySet[LegalEntity], actor: Actor) -> QuerySet[LegalEntity]:
        return access.internal_users_only(rows, actor)

    def check_create(self, actor: Actor) -> PermissionRefused | None:
        return _internal_only(actor)
