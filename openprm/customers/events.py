"""Business events on accounts (CUS-3, CUS-9), for their timelines and for
subscribers (core.events)."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from openprm.core.events import Event


@dataclass(frozen=True, kw_only=True)
class AccountDeleted(Event):
    code = "account_deleted"
    label = _("Account deleted")


@dataclass(frozen=True, kw_only=True)
class AccountRestored(Event):
    code = "account_restored"
    label = _("Account restored")


@dataclass(frozen=True, kw_only=True)
class AccountConvertedToSalesAccount(Event):
    code = "account_converted_to_sales_account"
    label = _("Converted to a sales account")
