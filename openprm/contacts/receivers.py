"""Reactions to other apps' signals."""

from typing import Any

from django.dispatch import receiver

from openprm.contacts.services.relationships import relationships_delete_for_account
from openprm.customers.models import Account
from openprm.customers.signals import account_soft_deleted


@receiver(account_soft_deleted, dispatch_uid="contacts_account_soft_deleted")
def _account_soft_deleted(sender: Any, account: Account, **kwargs: Any) -> None:
    """CUS-9: a deleted account loses its contact relationships; the contacts remain."""
    relationships_delete_for_account(actor=kwargs.get("actor"), account=account)
