"""Notes on accounts."""

from openprm.core import access
from openprm.core.actor import Actor
from openprm.core.records import record_create
from openprm.customers.models import Account, Note


def note_create(*, actor: Actor, account: Account, text: str) -> Note:
    """A note on an account anyone who sees the account may write."""
    account = access.get_visible(Account, actor, account.pk)
    note = Note(account=account, text=text.strip(), author=actor.user)
    return record_create(actor=actor, instance=note)
