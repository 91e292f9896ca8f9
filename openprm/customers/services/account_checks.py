"""What an account's create and edit check beyond `customers.rules`: the
fields they may set, the records they refer to (CUS-5, CUS-6), the
duplicates (CUS-1) and that the author still sees the account."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.customfields.values import custom_definitions
from openprm.core.errors import Conflict, PermissionRefused, ValidationFailed
from openprm.core.locks import natural_keys_lock
from openprm.core.lookups.models import LookupValue
from openprm.core.options.selectors import profile_option_enabled
from openprm.core.rules import Errors
from openprm.core.search import search_key
from openprm.customers.duplicates import account_duplicates, candidate_summary, duplicate_place
from openprm.customers.hierarchy import is_descendant_or_self
from openprm.customers.models import Account, LegalEntity
from openprm.customers.rules import LOOKUPS, AccountRuleData, NewAccount
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
        "phone",
        "website",
        "tax_id",
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


def unknown_fields(values: Mapping[str, Any]) -> None:
    unknown = sorted(set(values) - EDITABLE_FIELDS)
    if unknown:
        raise ValidationFailed(
            field_errors={name: [_("This field cannot be set here.")] for name in unknown}
        )


def reference_ids(values: Mapping[str, Any]) -> tuple[dict[str, int | None], Errors]:
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


def reference_errors(
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


def edited_state(account: Account, values: Mapping[str, Any]) -> dict[str, Any]:
    state = {name: getattr(account, name) for name in EDITABLE_FIELDS}
    state["country"] = account.country.code if account.country else ""
    state.update(values)
    return state


def ensure_still_visible(actor: Actor, account: Account) -> None:
    """DESIGN.md: a write never produces a record its author may not see."""
    if not access.visible(Account, actor).filter(pk=account.pk).exists():
        raise PermissionRefused(
            _("You would no longer be able to see this account; choose another owner.")
        )


def check_duplicates(actor: Actor, new: NewAccount) -> None:
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
