"""Creating, editing and (in)activating partners (PA-1..PA-6).

The organization itself is written by the customers services (one party,
PA-1); these functions add the partner profile and its rules.
"""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.customfields.selectors import custom_fields_for
from openprm.core.customfields.values import custom_values_clean
from openprm.core.errors import Conflict, ValidationFailed
from openprm.core.events import publish
from openprm.core.options.selectors import profile_option_enabled
from openprm.core.records import record_create, record_update
from openprm.customers.models import Account
from openprm.customers.services import account_create, account_get_for_edit, account_update
from openprm.partners.catalog import PARTNER_CONTACT_MANDATORY, PARTNER_RECORD_TYPE
from openprm.partners.errors import PartnerErrorCode
from openprm.partners.events import (
    ManagedPartnerCleared,
    ManagedPartnerSet,
    PartnerActivated,
    PartnerCreated,
    PartnerInactivated,
)
from openprm.partners.models import PartnerProfile
from openprm.partners.services.common import partner_administrator_role
from openprm.partners.services.contacts import partner_contact_create


def split_custom(custom: Mapping[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """PLAT-7: values of the account's fields go to the account, the rest to
    the partner profile (where unknown names are refused)."""
    account_names = {field.name for field in custom_fields_for(Account.record_type)}
    account_part: dict[str, Any] = {}
    partner_part: dict[str, Any] = {}
    for name, value in (custom or {}).items():
        (account_part if name in account_names else partner_part)[name] = value
    return account_part, partner_part


def _partner_custom(
    account: Account, submitted: Mapping[str, Any], current: Mapping[str, Any] | None, partial: bool
) -> dict[str, Any]:
    """Clean partner-only values; the account's stored values stand in for the
    inherited fields, so only the partner's own fields are kept."""
    own = {
        f.name
        for f in custom_fields_for(PARTNER_RECORD_TYPE)
        if f.record_type == PARTNER_RECORD_TYPE
    }
    cleaned = custom_values_clean(
        PARTNER_RECORD_TYPE,
        {**account.custom, **submitted},
        {**account.custom, **(current or {})},
        partial=partial,
    )
    return {name: value for name, value in cleaned.items() if name in own}


def _check_parent(actor: Actor, data: Mapping[str, Any]) -> None:
    """PA-5: on the partner screens a partner's parent is another partner."""
    parent_id = data.get("parent_id")
    if parent_id in (None, ""):
        return
    is_partner = (
        access.visible(PartnerProfile, actor)
        .filter(
            account_id=parent_id,
            managed_partner=True,
            account__account_type=Account.AccountType.PARTNER,
        )
        .exists()
    )
    if not is_partner:
        raise ValidationFailed(field_errors={"parent_id": [_("Choose a partner you can see.")]})


def _refuse_type(data: Mapping[str, Any]) -> None:
    """PA-2: the partner screens and API never set the account type."""
    if "account_type" in data:
        raise ValidationFailed(
            field_errors={"account_type": [_("A partner's type is always Partner here.")]}
        )


def partner_create(
    *,
    actor: Actor,
    data: Mapping[str, Any],
    custom: Mapping[str, Any] | None = None,
    primary_contact: Mapping[str, Any] | None = None,
    confirm_duplicates: bool = False,
) -> PartnerProfile:
    """PA-2: type Partner and managed-partner flag Yes, status Active.

    PA-6: the primary contact becomes a partner contact with the Partner
    Administrator role; without one the create is refused unless
    ZPM_PARTNER_CONTACT_MANDATORY is No.
    """
    access.require_create(actor, PartnerProfile)
    _refuse_type(data)
    if not primary_contact and profile_option_enabled(PARTNER_CONTACT_MANDATORY):
        raise ValidationFailed(
            _("A partner needs a primary contact (profile option %(option)s is Yes).")
            % {"option": PARTNER_CONTACT_MANDATORY},
            code=PartnerErrorCode.PRIMARY_CONTACT_REQUIRED,
            field_errors={"primary_contact": [_("Enter the partner's primary contact.")]},
        )
    _check_parent(actor, data)
    account_custom, partner_custom = split_custom(custom)
    with transaction.atomic():
        account = account_create(
            actor=actor,
            data={**data, "account_type": Account.AccountType.PARTNER},
            custom=account_custom,
            confirm_duplicates=confirm_duplicates,
        )
        profile = PartnerProfile(
            account=account,
            managed_partner=True,
            status=PartnerProfile.Status.ACTIVE,
            custom=_partner_custom(account, partner_custom, None, partial=False),
        )
        record_create(actor=actor, instance=profile)
        publish(PartnerCreated(actor=actor, record=profile))
        if primary_contact:
            partner_contact_create(
                actor=actor,
                partner=profile,
                data={**primary_contact, "role_id": partner_administrator_role().pk},
                is_primary=True,
                confirm_duplicates=True,
            )
    return profile


def partner_update(
    *,
    actor: Actor,
    partner: PartnerProfile,
    changes: Mapping[str, Any],
    expected_version: int,
    custom: Mapping[str, Any] | None = None,
) -> PartnerProfile:
    """Edit the organization and the partner's own fields from the partner
    screens; the partner's version guards both (PLAT-6)."""
    partner = access.get_visible(PartnerProfile, actor, partner.pk)
    access.require(actor, "change", partner)
    _refuse_type(changes)
    _check_parent(actor, changes)
    account_custom, partner_custom = split_custom(custom)
    with transaction.atomic():
        account = account_get_for_edit(actor=actor, pk=partner.account_id)
        profile_changes: dict[str, Any] = {}
        if custom is not None:
            profile_changes["custom"] = _partner_custom(
                account, partner_custom, partner.custom, partial=True
            )
        record_update(
            actor=actor,
            instance=partner,
            changes=profile_changes,
            expected_version=expected_version,
        )
        if changes or account_custom:
            account_update(
                actor=actor,
                account=account,
                changes=changes,
                custom=account_custom if custom is not None else None,
                expected_version=account.version,
            )
    partner.account = account
    return partner


def partner_set_status(
    *, actor: Actor, partner: PartnerProfile, status: str, expected_version: int | None = None
) -> PartnerProfile:
    """PA-3/PA-4: the partner screens inactivate (never delete) and reactivate."""
    partner = access.get_visible(PartnerProfile, actor, partner.pk)
    access.require(actor, "change", partner)
    if status not in PartnerProfile.Status.values:
        raise ValidationFailed(field_errors={"status": [_("Choose Active or Inactive.")]})
    if partner.status == status:
        raise Conflict(
            _("The partner is already %(status)s.")
            % {"status": PartnerProfile.Status(status).label},
            code=PartnerErrorCode.PARTNER_STATUS_UNCHANGED,
        )
    with transaction.atomic():
        record_update(
            actor=actor,
            instance=partner,
            changes={"status": status},
            expected_version=expected_version if expected_version is not None else partner.version,
        )
        event = PartnerActivated if status == PartnerProfile.Status.ACTIVE else PartnerInactivated
        publish(event(actor=actor, record=partner))
    return partner


def partner_mark_managed(*, actor: Actor, account: Account, managed: bool) -> PartnerProfile:
    """PA-2: the account screens' way in. The account counts as a managed
    partner (and shows among partners) only when its type is also Partner."""
    account = access.get_visible(Account, actor, account.pk)
    access.require(actor, "mark_managed_partner", account)
    profile = PartnerProfile.objects.filter(account=account).first()
    with transaction.atomic():
        if profile is None:
            profile = PartnerProfile(account=account, managed_partner=managed)
            record_create(actor=actor, instance=profile)
        elif profile.managed_partner != managed:
            record_update(
                actor=actor,
                instance=profile,
                changes={"managed_partner": managed},
                expected_version=profile.version,
            )
        event = ManagedPartnerSet if managed else ManagedPartnerCleared
        publish(event(actor=actor, record=profile))
    return profile
