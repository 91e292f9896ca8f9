"""CUS-3 prospect qualification rules: a prospect becomes a sales account only
when every registered rule passes; failures are reported by name.

This module holds the "complete sell-to address" rule; the territories app
registers "matches a territory".
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from openprm.customers.models import Account


@dataclass(frozen=True)
class QualificationRule:
    code: str
    label: Any
    check: Callable[[Account], bool]


_rules: dict[str, QualificationRule] = {}


def register_qualification_rule(code: str, label: Any, check: Callable[[Account], bool]) -> None:
    _rules[code] = QualificationRule(code=code, label=label, check=check)


def qualification_rules() -> list[QualificationRule]:
    return list(_rules.values())


def qualification_failures(account: Account) -> list[tuple[str, str]]:
    """(code, label) of each rule the account does not pass, in registration order."""
    return [(rule.code, str(rule.label)) for rule in _rules.values() if not rule.check(account)]


def has_complete_sell_to_address(account: Account) -> bool:
    return all(
        str(value).strip()
        for value in (account.address_line1, account.city, account.postal_code, account.country)
    )


register_qualification_rule(
    "complete_sell_to_address", _("Complete sell-to address"), has_complete_sell_to_address
)
