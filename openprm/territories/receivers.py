"""TER-3: assign territories when an account is created or one of its
criteria attributes changes, without the customers app knowing about
territories."""

from typing import Any

from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver

from openprm.customers.models import Account
from openprm.territories.assignment import assign_account
from openprm.territories.matching import CRITERIA_FIELDS

_BEFORE = "_territory_criteria_before"


def _criteria_values(account: Account) -> tuple[str, ...]:
    return tuple(str(getattr(account, name) or "") for name in (*CRITERIA_FIELDS, "is_active"))


@receiver(pre_save, sender=Account, dispatch_uid="territories_account_before")
def remember_criteria(sender: type[Account], instance: Account, **kwargs: Any) -> None:
    if instance.pk is None or kwargs.get("raw"):
        return
    stored = Account._base_manager.filter(pk=instance.pk).first()
    setattr(instance, _BEFORE, None if stored is None else _criteria_values(stored))


@receiver(post_save, sender=Account, dispatch_uid="territories_account_assign")
def assign_on_save(sender: type[Account], instance: Account, created: bool, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return
    if created or getattr(instance, _BEFORE, None) != _criteria_values(instance):
        assign_account(instance)
