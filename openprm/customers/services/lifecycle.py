"""An account's life after its create: deleted and restored (CUS-9),
converted from a prospect to a sales account (CUS-3)."""

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, NotFound, ValidationFailed
from openprm.core.events import publish
from openprm.core.privileges import has_privilege
from openprm.core.records import record_update
from openprm.customers.catalog import RESTORE_SALES_PARTY
from openprm.customers.errors import CustomerErrorCode
from openprm.customers.events import AccountConvertedToSalesAccount, AccountDeleted, AccountRestored
from openprm.customers.models import Account
from openprm.customers.qualification import qualification_failures
from openprm.customers.services.accounts import account_get_for_edit
from openprm.customers.signals import account_soft_deleted


def account_delete(
    *, actor: Actor, account: Account, expected_version: int | None = None
) -> Account:
    """CUS-9: a soft delete needing Delete Sales Party.

    The account turns inactive, so every scoped query (lists, search, pickers,
    duplicate matching, counts, notes) stops showing it. Receivers of
    `account_soft_deleted` run in the same transaction: the contacts app
    deletes the account's contact relationships there, and a receiver that
    raises a DomainError (e.g. an Active partner, PA-4) refuses the delete.
    The account is read before the privilege is checked: one the actor
    cannot see is 404 like a missing one (TEAM-5), not 403.
    """
    account = access.get_visible(Account, actor, account.pk)
    access.require(actor, "delete", account)
    with transaction.atomic():
        record_update(
            actor=actor,
            instance=account,
            changes={"is_active": False, "deleted_at": timezone.now(), "deleted_by": actor.user},
            expected_version=expected_version if expected_version is not None else account.version,
            clean=False,
        )
        publish(AccountDeleted(actor=actor, record=account))
        account_soft_deleted.send(sender=Account, account=account, actor=actor)
    return account


def deleted_account_get(*, actor: Actor, pk: Any) -> Account:
    """A soft-deleted account, for administrators holding Restore Sales Party.

    Only their Deleted Accounts view shows deleted accounts (CUS-9); to
    anyone else one is as missing as an unknown id (TEAM-5), so the answer is
    404 rather than a 403 that would confirm it exists.
    """
    account = access.unscoped(Account).filter(pk=pk, is_active=False).first()
    if account is None or not has_privilege(actor, RESTORE_SALES_PARTY):
        raise NotFound()
    return account


def account_restore(*, actor: Actor, pk: Any) -> Account:
    """CUS-9: an administrator brings a deleted account back; its contact
    relationships stay deleted."""
    account = deleted_account_get(actor=actor, pk=pk)
    with transaction.atomic():
        record_update(
            actor=actor,
            instance=account,
            changes={"is_active": True, "deleted_at": None, "deleted_by": None},
            expected_version=account.version,
            clean=False,
        )
        publish(AccountRestored(actor=actor, record=account))
    return account


def account_convert_to_sales_account(
    *, actor: Actor, account: Account, expected_version: int
) -> Account:
    """CUS-3: a prospect becomes a sales account of type Customer only when
    every qualification rule passes; otherwise each failing rule is named."""
    account = account_get_for_edit(actor=actor, pk=account.pk)
    if account.is_sales_account:
        raise Conflict(
            _("This account is already a sales account."),
            code=CustomerErrorCode.ALREADY_SALES_ACCOUNT,
        )
    failures = qualification_failures(account)
    if failures:
        labels = [label for _code, label in failures]
        raise ValidationFailed(
            _("The prospect cannot be converted: %(rules)s.") % {"rules": "; ".join(labels)},
            code=CustomerErrorCode.QUALIFICATION_FAILED,
            field_errors={"qualification": labels},
            extra={"failed_rules": [{"code": code, "label": label} for code, label in failures]},
        )
    with transaction.atomic():
        record_update(
            actor=actor,
            instance=account,
            changes={"is_sales_account": True, "account_type": Account.AccountType.CUSTOMER},
            expected_version=expected_version,
        )
        publish(AccountConvertedToSalesAccount(actor=actor, record=account))
    return account
