"""Every write on accounts, legal entities, billing accounts and notes.

The rules of CUS-1..CUS-9 live here; views, API handlers and the demo seeder
call these functions and nothing else writes these tables.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.customfields.values import custom_definitions, custom_values_check
from openprm.core.errors import Conflict, NotFound, PermissionRefused, ValidationFailed
from openprm.core.events import publish
from openprm.core.locks import natural_keys_lock
from openprm.core.lookups.models import LookupValue
from openprm.core.options.selectors import profile_option_enabled
from openprm.core.privileges import has_privilege
from openprm.core.records import record_create, record_update
from openprm.core.rules import Errors, Refused
from openprm.core.search import search_key
from openprm.customers.catalog import RESTORE_SALES_PARTY
from openprm.customers.duplicates import account_duplicates, candidate_summary, duplicate_place
from openprm.customers.errors import CustomerErrorCode
from openprm.customers.events import (
    AccountConvertedToSalesAccount,
    AccountDeleted,
    AccountRestored,
)
from openprm.customers.hierarchy import is_descendant_or_self
from openprm.customers.models import Account, BillingAccount, LegalEntity, Note
from openprm.customers.qualification import qualification_failures
from openprm.customers.rules import (
    DRAFT_FIELDS,
    LOOKUPS,
    AccountDraft,
    AccountRuleData,
    NewAccount,
    accounts_check,
    normalized,
    state_errors,
)
from openprm.customers.signals import account_soft_deleted, account_updating
from openprm.identity.models import User

SELL_TO_OPTION = "ZCA_ENABLE_SELLTO_ADDR_CHECKBOX"

EDITABLE_FIELDS = frozenset(
    {
        "name",
        "account_type",
        "owner_id",
        "parent_id",
        "industry",
        "size",
        "annual_revenue",
        "currency",
        "named",
        "existing",
        "competitor_info",
        "legal_entity_id",
        "address_line1",
        "address_line2",
        "city",
        "region",
        "postal_code",
        "country",
    }
)
REFERENCE_FIELDS = ("owner_id", "parent_id", "legal_entity_id")


def default_account_type() -> str:
    """PLAT-3/CUS-2: Customer when ZCA_ENABLE_SELLTO_ADDR_CHECKBOX is Yes, else Prospect."""
    if profile_option_enabled(SELL_TO_OPTION):
        return Account.AccountType.CUSTOMER
    return Account.AccountType.PROSPECT


def account_rule_data(fixed_type: str | None = None) -> AccountRuleData:
    """What `customers.rules` checks an account against, read once for a
    create, an edit or a whole import. `fixed_type` stands for the default
    type where the caller sets the type itself (the prospects import)."""
    known: dict[str, set[str]] = {lookup: set() for _name, lookup in LOOKUPS}
    labels: dict[str, dict[str, str]] = {lookup: {} for _name, lookup in LOOKUPS}
    values = access.unscoped(LookupValue).filter(lookup_type__code__in=known, active=True)
    for type_code, code, meaning in values.values_list("lookup_type__code", "code", "meaning"):
        known[type_code].add(code)
        labels[type_code].setdefault(search_key(meaning), code)
    return AccountRuleData(
        default_type=fixed_type or default_account_type(),
        lookups={lookup: frozenset(codes) for lookup, codes in known.items()},
        custom_fields=custom_definitions(Account.record_type),
        labels=labels,
    )


def _unknown_fields(values: Mapping[str, Any]) -> None:
    unknown = sorted(set(values) - EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            field_errors={name: [_("This field cannot be set here.")] for name in unknown}
        )


def _reference_ids(values: Mapping[str, Any]) -> tuple[dict[str, int | None], Errors]:
    """The owner, parent and legal entity ids given, as integers."""
    ids: dict[str, int | None] = {}
    errors: Errors = {}
    for name in REFERENCE_FIELDS:
        if name in values:
            raw = values[name]
            if raw in ("", None):
                ids[name] = None
                continue
            try:
                ids[name] = int(raw)
            except (TypeError, ValueError):
                errors[name] = [_("Enter a valid identifier.")]
    return ids, errors


def _reference_errors(
    actor: Actor, account: Account, state: Mapping[str, Any], changed: set[str]
) -> Errors:
    """The rules on other records: an active internal owner, a parent and a
    legal entity the actor may see, no cycle (CUS-6)."""
    errors: Errors = {}
    if "owner_id" in changed and state.get("owner_id") is not None:
        owner_ok = User.objects.filter(
            pk=state["owner_id"], is_active=True, user_type=User.UserType.INTERNAL
        ).exists()
        if not owner_ok:
            errors["owner_id"] = [_("Choose an active internal user.")]
    if "parent_id" in changed and state.get("parent_id") is not None:
        if not access.visible(Account, actor).filter(pk=state["parent_id"]).exists():
            errors["parent_id"] = [_("Choose an account you can see.")]
        elif account.pk and is_descendant_or_self(int(state["parent_id"]), account.pk):
            errors["parent_id"] = [
                _("This account cannot be its own parent or a parent of its own parent.")
            ]
    legal_entity_id = state.get("legal_entity_id")
    if (
        "legal_entity_id" in changed
        and legal_entity_id is not None
        and not access.visible(LegalEntity, actor).filter(pk=legal_entity_id).exists()
    ):
        errors["legal_entity_id"] = [_("Choose a legal entity you can see.")]
    return errors


def _state(account: Account, values: Mapping[str, Any]) -> dict[str, Any]:
    state = {name: getattr(account, name) for name in EDITABLE_FIELDS}
    state["country"] = account.country.code if account.country else ""
    state.update(values)
    return state


def _ensure_still_visible(actor: Actor, account: Account) -> None:
    """DESIGN.md: a write never produces a record its author may not see."""
    if not access.visible(Account, actor).filter(pk=account.pk).exists():
        raise PermissionRefused(
            _("You would no longer be able to see this account; choose another owner.")
        )


def _check_duplicates(actor: Actor, new: NewAccount) -> None:
    """CUS-1 duplicates, exact under concurrency: the new account's name and
    its postal code and country (the two pools `account_duplicates` searches)
    stay locked until the create commits, so a parallel create of the same
    account waits and then finds this one (`core.locks`)."""
    place = duplicate_place(new.postal_code, new.country)
    natural_keys_lock({"account-name": [new.name_search], "account-place": ["|".join(place or ())]})
    candidates = account_duplicates(
        actor=actor, name=new.name, postal_code=new.postal_code, country=new.country
    )
    if candidates:
        raise Conflict(
            _("Similar accounts already exist. Pick one or confirm creating a new account."),
            code="duplicate_accounts",
            extra={"candidates": [candidate_summary(c) for c in candidates]},
        )


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
    _unknown_fields(data)
    ids, id_errors = _reference_ids(data)
    ids.setdefault("owner_id", actor.pk)
    draft = AccountDraft(
        **{name: value for name, value in data.items() if name in DRAFT_FIELDS},
        custom=custom or {},
    )
    (new,) = accounts_check([draft], data=account_rule_data())
    errors = dict(new.errors) if isinstance(new, Refused) else {}
    errors.update(id_errors)
    errors.update(_reference_errors(actor, Account(), ids, set(ids) - set(id_errors)))
    if errors:
        raise ValidationFailed(field_errors=errors)
    account = Account(**new._asdict(), **ids)
    if is_sales_account is not None:
        account.is_sales_account = is_sales_account
    with transaction.atomic():
        if not confirm_duplicates:
            _check_duplicates(actor, new)
        record_create(actor=actor, instance=account)
        _ensure_still_visible(actor, account)
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
    _unknown_fields(changes)
    ids, errors = _reference_ids(changes)
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
    state = _state(account, values)
    changed = {name for name, value in values.items() if value != getattr(account, name, None)}
    errors = {**state_errors(state, data.lookups, changed), **errors}
    errors.update(_reference_errors(actor, account, state, changed - set(errors)))
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
        _ensure_still_visible(actor, account)
    return account


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


def _legal_entity_values(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(values) - {"name", "kind"})
    if unknown:
        raise ValidationFailed(
            field_errors={name: [_("This field cannot be set here.")] for name in unknown}
        )
    return {k: str(v).strip() for k, v in values.items()}


def legal_entity_create(*, actor: Actor, data: Mapping[str, Any]) -> LegalEntity:
    """CUS-7: an internal (interdivisional selling) or external legal entity."""
    access.require_create(actor, LegalEntity)
    entity = LegalEntity(**_legal_entity_values(data))
    return record_create(actor=actor, instance=entity)


def legal_entity_update(
    *, actor: Actor, entity: LegalEntity, changes: Mapping[str, Any], expected_version: int
) -> LegalEntity:
    """Legal entities are internal reference data: a partner user cannot see
    them, so for one the entity is 404 like a missing one (TEAM-5)."""
    entity = access.get_visible(LegalEntity, actor, entity.pk)
    return record_update(
        actor=actor,
        instance=entity,
        changes=_legal_entity_values(changes),
        expected_version=expected_version,
    )


def _billing_values(values: Mapping[str, Any]) -> dict[str, Any]:
    unknown = sorted(set(values) - {"number", "name", "currency", "status"})
    if unknown:
        raise ValidationFailed(
            field_errors={name: [_("This field cannot be set here.")] for name in unknown}
        )
    result = {k: str(v).strip() for k, v in values.items()}
    if "currency" in result:
        result["currency"] = result["currency"].upper()
        if not (len(result["currency"]) == 3 and result["currency"].isalpha()):
            raise ValidationFailed(
                field_errors={"currency": [_("Enter a three-letter ISO currency code.")]}
            )
    return result


def billing_account_create(
    *, actor: Actor, account: Account, data: Mapping[str, Any]
) -> BillingAccount:
    """CUS-8: a billing account belongs to exactly one account, which the
    actor must be allowed to edit."""
    account = account_get_for_edit(actor=actor, pk=account.pk)
    values = _billing_values(data)
    if BillingAccount.objects.filter(number__iexact=values.get("number", "")).exists():
        raise ValidationFailed(field_errors={"number": [_("This number is already used.")]})
    billing = BillingAccount(account=account, **values)
    return record_create(actor=actor, instance=billing)


def billing_account_update(
    *, actor: Actor, billing: BillingAccount, changes: Mapping[str, Any], expected_version: int
) -> BillingAccount:
    billing = access.get_visible(BillingAccount, actor, billing.pk)
    account_get_for_edit(actor=actor, pk=billing.account_id)
    values = _billing_values(changes)
    number = values.get("number")
    if (
        number
        and BillingAccount.objects.filter(number__iexact=number).exclude(pk=billing.pk).exists()
    ):
        raise ValidationFailed(field_errors={"number": [_("This number is already used.")]})
    return record_update(
        actor=actor, instance=billing, changes=values, expected_version=expected_version
    )


def note_create(*, actor: Actor, account: Account, text: str) -> Note:
    """A note on an account anyone who sees the account may write."""
    account = access.get_visible(Account, actor, account.pk)
    note = Note(account=account, text=text.strip(), author=actor.user)
    return record_create(actor=actor, instance=note)
