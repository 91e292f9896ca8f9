"""Legal entities (CUS-7) and billing accounts (CUS-8)."""

from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.errors import ValidationFailed
from openprm.core.records import record_create, record_update
from openprm.customers.models import Account, BillingAccount, LegalEntity
from openprm.customers.services.accounts import account_get_for_edit


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
