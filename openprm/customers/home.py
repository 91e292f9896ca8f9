"""The customers app's block of the home page (core.home): your accounts."""

from typing import Any

from django.urls import reverse

from openprm.core.actor import Actor
from openprm.core.counting import TODO_CAP, capped_count
from openprm.customers.models import Account
from openprm.customers.selectors import accounts_owned

NEWEST = 5


def my_accounts(*, actor: Actor) -> dict[str, Any]:
    """CUS-5: the accounts the actor owns, newest first, how many there
    are and how many of them are prospects still to convert (CUS-3)."""
    owned = accounts_owned(actor=actor)
    newest = list(owned[:NEWEST])
    count = capped_count(owned) if len(newest) == NEWEST else len(newest)
    prospects = owned.filter(account_type=Account.AccountType.PROSPECT)
    listed = reverse("customers:account_list")
    return {
        "accounts": newest,
        "count": count,
        "prospects": capped_count(prospects, TODO_CAP) if count else 0,
        "list_url": f"{listed}?owner={actor.pk}",
        "prospects_url": f"{listed}?owner={actor.pk}&account_type=prospect",
    }
