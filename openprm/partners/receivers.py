"""The partner rules that guard other apps' screens: account type and
deletion (PA-3, PA-4), and partner territory membership (TER-1)."""

from collections.abc import Mapping
from typing import Any

from django.dispatch import receiver
from django.utils.translation import gettext as _

from openprm.core.errors import Conflict
from openprm.customers.models import Account
from openprm.customers.signals import account_soft_deleted, account_updating
from openprm.identity.models import Resource
from openprm.partners.errors import PartnerErrorCode
from openprm.partners.models import PartnerContact, PartnerProfile
from openprm.partners.services.contacts import partner_contacts_retire_for_partner
from openprm.territories.services import register_partner_resource_check


def _managed_profile(account: Account) -> PartnerProfile | None:
    profile = PartnerProfile.objects.filter(account_id=account.pk, managed_partner=True).first()
    if profile is None or account.account_type != Account.AccountType.PARTNER:
        return None
    return profile


@receiver(account_updating, dispatch_uid="partners_account_updating")
def _refuse_type_change_while_active(
    sender: Any, account: Account, changes: Mapping[str, Any], **kwargs: Any
) -> None:
    """PA-3: the type of an Active partner cannot be changed."""
    new_type = changes.get("account_type")
    if new_type is None or new_type == account.account_type:
        return
    profile = _managed_profile(account)
    if profile is not None and profile.is_active_partner:
        raise Conflict(
            _(
                "“%(name)s” is an Active partner: its type cannot be changed. "
                "Inactivate the partner on the partner page first."
            )
            % {"name": account.name},
            code=PartnerErrorCode.PARTNER_ACTIVE_TYPE_CHANGE,
            field_errors={"account_type": [_("The type of an Active partner cannot change.")]},
        )


@receiver(account_soft_deleted, dispatch_uid="partners_account_soft_deleted")
def _refuse_delete_while_active(sender: Any, account: Account, **kwargs: Any) -> None:
    """PA-4: an Active partner cannot be deleted; a deleted (Inactive)
    partner's portal users stop signing in."""
    profile = _managed_profile(account)
    if profile is None:
        return
    if profile.is_active_partner:
        raise Conflict(
            _(
                "“%(name)s” is an Active partner and cannot be deleted. "
                "Inactivate it on the partner page first."
            )
            % {"name": account.name},
            code=PartnerErrorCode.PARTNER_ACTIVE_CANNOT_DELETE,
        )
    partner_contacts_retire_for_partner(actor=kwargs.get("actor"), partner=profile)


def _resource_works_for(resource: Resource, partner_account: Account) -> bool:
    """TER-1: a partner territory holds only its own partner's resources."""
    return PartnerContact.objects.filter(
        resource=resource, partner__account_id=partner_account.pk
    ).exists()


register_partner_resource_check(_resource_works_for)
