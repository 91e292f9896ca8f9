"""Accounts in the search box (core.global_search): the account list's name search."""

from django.urls import reverse
from django.utils.translation import gettext as _

from openprm.core.actor import Actor
from openprm.core.global_search import Found, Hit, found_in
from openprm.customers.models import Account
from openprm.customers.selectors import account_name_search


def _hit(account: Account) -> Hit:
    place = ", ".join(part for part in (account.city, account.country.name) if part)
    detail = account.get_account_type_display()
    return Hit(
        title=account.name,
        detail=_("%(type)s · %(place)s") % {"type": detail, "place": place} if place else detail,
        url=reverse("customers:account_detail", kwargs={"pk": account.pk}),
        id=account.pk,
    )


def account_search(*, actor: Actor, q: str, limit: int) -> Found:
    """CUS-11: every type of account the actor may see, by name prefix."""
    return found_in(account_name_search(actor=actor, q=q), limit=limit, hit=_hit)
