"""Editing an opportunity (DEAL-1, DEAL-9, PLAT-6): the one service behind
the internal Edit page, the portal's edit page and `PATCH
/opportunities/{id}`, so the three refuse the same things the same way.

Every rule is checked before anything is written: a refused edit leaves the
opportunity as it was.
"""

import datetime as dt
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.records import record_update
from openprm.customers.models import Account
from openprm.deals.errors import DealErrorCode
from openprm.deals.models import DealRegistration, Opportunity
from openprm.deals.services.opportunities import require_sales_account
from openprm.identity.models import User

EDITABLE = frozenset({"name", "account_id", "close_date", "amount", "currency", "owner_id"})
MONEY = frozenset({"amount", "currency"})
HOLDING = (
    DealRegistration.State.APPROVED,
    DealRegistration.State.WON,
    DealRegistration.State.LOST,
)
"""The registrations that hold (or held) a deal for their partner: moving
the deal to another account would take it from under them."""
Errors = dict[str, list[str]]


def _require_version(expected_version: int | None) -> int:
    """PLAT-6: an edit names the version it started from; a missing one is
    the caller's mistake, never "the current one"."""
    if expected_version is None:
        raise ValidationFailed(
            field_errors={"version": [_("Send the version of the opportunity you edited.")]}
        )
    return expected_version


def refuse_if_closed(opportunity: Opportunity) -> None:
    """A won or lost deal's money is what was booked: it no longer moves."""
    if not opportunity.is_open:
        raise Conflict(
            _("This opportunity is closed; its amount can no longer change."),
            code=DealErrorCode.OPPORTUNITY_CLOSED,
        )


def _refuse_if_registered(opportunity: Opportunity) -> None:
    """DEAL-1, DEAL-6: a registered deal stays with the customer the partner
    registered it for."""
    if opportunity.registrations.filter(state__in=HOLDING).exists():
        raise Conflict(
            _("A partner's deal registration holds this opportunity; it stays on its account."),
            code=DealErrorCode.OPPORTUNITY_REGISTERED,
        )


def _check_fields(values: Mapping[str, Any], errors: Errors) -> None:
    if "name" in values and not str(values["name"] or "").strip():
        errors["name"] = [_("Name the opportunity.")]
    close_date = values.get("close_date")
    if "close_date" in values and (
        not isinstance(close_date, dt.date) or close_date < timezone.localdate()
    ):
        errors["close_date"] = [_("The estimated close date cannot be in the past.")]
    amount = values.get("amount")
    if "amount" in values and (not isinstance(amount, Decimal) or amount <= 0):
        errors["amount"] = [_("The amount must be more than zero.")]
    currency = str(values.get("currency") or "")
    if "currency" in values and not (len(currency) == 3 and currency.isalpha()):
        errors["currency"] = [_("Give a three-letter currency code.")]


def possible_owners() -> QuerySet[User]:
    """Who may own a deal: the brand owner's active users. The Owner box
    offers them (`selectors.owner_pick`); the update refuses anyone else."""
    return User.objects.filter(is_active=True, user_type=User.UserType.INTERNAL)


def _owner(owner_id: Any, errors: Errors) -> None:
    if not possible_owners().filter(pk=owner_id).exists():
        errors["owner_id"] = [_("Choose an active user of your company.")]


def _account(actor: Actor, account_id: Any) -> Account:
    """DEAL-1: the new account is a sales account the actor may edit, as
    when the opportunity was opened."""
    account = access.get_visible(Account, actor, account_id)
    access.require(actor, "change", account)
    require_sales_account(account)
    return account


def opportunity_update(
    *,
    actor: Actor,
    opportunity: Opportunity,
    changes: Mapping[str, Any],
    expected_version: int | None,
) -> Opportunity:
    """Change what was sent of name, account, close date, amount, currency
    and owner. A closed opportunity keeps its amount (409
    `opportunity_closed`), a registered one its account (409
    `opportunity_registered`); a new owner needs the `assign` action."""
    access.require(actor, "change", opportunity)
    version = _require_version(expected_version)
    unknown = set(changes) - EDITABLE
    if unknown:
        raise ValidationFailed(
            field_errors={name: [_("This field cannot be changed here.")] for name in unknown}
        )
    if "currency" in changes:
        changes = {**changes, "currency": str(changes["currency"] or "").upper()}
    sent = {k: v for k, v in changes.items() if v != getattr(opportunity, k)}
    if "owner_id" in sent:
        access.require(actor, "assign", opportunity)
    if MONEY & set(sent):
        refuse_if_closed(opportunity)
    errors: Errors = {}
    _check_fields(sent, errors)
    if "owner_id" in sent:
        _owner(sent["owner_id"], errors)
    if errors:
        raise ValidationFailed(field_errors=errors)
    if "account_id" in sent:
        _refuse_if_registered(opportunity)
        _account(actor, sent["account_id"])
    if "name" in sent:
        sent["name"] = sent["name"].strip()
    return record_update(actor=actor, instance=opportunity, changes=sent, expected_version=version)
