"""Creating and editing accounts (CUS-1, CUS-2, CUS-4, CUS-5, CUS-6)."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.customfields.values import custom_values_check
from openprm.core.errors import ValidationFailed
from openprm.core.records import record_create, record_update
from openprm.core.rules import Refused
from openprm.customers.models import Account
from openprm.customers.normalize import normalized
from openprm.customers.rules import (
    DRAFT_FIELDS,
    LOOKUPS,
    AccountDraft,
    accounts_check,
    state_errors,
)
from openprm.customers.services.account_checks import (
    REFERENCE_FIELDS,
    account_rule_data,
    check_duplicates,
    edited_state,
    ensure_still_visible,
    reference_errors,
    reference_ids,
    unknown_fields,
)
from openprm.customers.signals import account_updating


def account_create(
    *,
    actor: Actor,
    data: Mapping[str, Any],
    custom: Mapping[str, Any] | None = None,
    confirm_duplicates: bool = False,
    is_sales_account: bool | None = None,
) -> Account:
    """CUS-1/2/4/5: create an account.

    The values are checked and normalized by `customers.rules`, as an
    account import checks each row. The type defaults from
    ZCA_ENABLE_SELLTO_ADDR_CHECKBOX, the owner to the creator; a Customer is
    created as a sales account unless told otherwise. Near-identical
    accounts at the same postal code refuse the create with Conflict
    `duplicate_accounts` and the candidates, unless confirmed.
    """
    access.require_create(actor, Account)
    unknown_fields(data)
    ids, id_errors = reference_ids(data)
    ids.setdefault("owner_id", actor.pk)
    draft = AccountDraft(
        **{name: value for name, value in data.items() if name in DRAFT_FIELDS},
        custom=custom or {},
    )
    (new,) = accounts_check([draft], data=account_rule_data())
    errors = dict(new.errors) if isinstance(new, Refused) else {}
    errors.update(id_errors)
    errors.update(reference_errors(actor, Account(), ids, set(ids) - set(id_errors)))
    if errors:
        raise ValidationFailed(field_errors=errors)
    account = Account(**new._asdict(), **ids)
    if is_sales_account is not None:
        account.is_sales_account = is_sales_account
    with transaction.atomic():
        if not confirm_duplicates:
            check_duplicates(actor, new)
        record_create(actor=actor, instance=account)
        ensure_still_visible(actor, account)
    return account


def account_get_for_edit(*, actor: Actor, pk: Any) -> Account:
    """A visible account the actor may also edit (TEAM-2), else NotFound or 403."""
    account = access.get_visible(Account, actor, pk)
    access.require(actor, "change", account)
    return account


def account_get_for_delete(*, actor: Actor, pk: Any) -> Account:
    """A visible account the actor may delete (CUS-9), else NotFound or 403
    naming Delete Sales Party."""
    account = access.get_visible(Account, actor, pk)
    access.require(actor, "delete", account)
    return account


def account_update(
    *,
    actor: Actor,
    account: Account,
    changes: Mapping[str, Any],
    expected_version: int,
    custom: Mapping[str, Any] | None = None,
) -> Account:
    """Edit an account; the edited state passes the create's field rules
    (`customers.rules.state_errors`), stale versions are refused (PLAT-6),
    cycles too (CUS-6)."""
    account = account_get_for_edit(actor=actor, pk=account.pk)
    unknown_fields(changes)
    ids, errors = reference_ids(changes)
    values = {
        **normalized(
            {k: v for k, v in changes.items() if k not in REFERENCE_FIELDS},
            country=account.country.code if account.country else "",
        ),
        **ids,
    }
    data = account_rule_data()
    for name, lookup in LOOKUPS:
        if values.get(name):
            values[name] = data.lookup_code(lookup, values[name])
    state = edited_state(account, values)
    changed = {name for name, value in values.items() if value != getattr(account, name, None)}
    errors = {**state_errors(state, data.lookups, changed), **errors}
    errors.update(reference_errors(actor, account, state, changed - set(errors)))
    updates: dict[str, Any] = dict(values)
    if custom is not None:
        updates["custom"], custom_errors = custom_values_check(
            data.custom_fields, custom, account.custom, partial=True
        )
        errors.update(custom_errors)
    if errors:
        raise ValidationFailed(field_errors=errors)
    with transaction.atomic():
        account_updating.send(sender=Account, account=account, changes=values, actor=actor)
        record_update(
            actor=actor, instance=account, changes=updates, expected_version=expected_version
        )
        ensure_still_visible(actor, account)
    return account
