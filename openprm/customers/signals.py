"""Signals other apps connect to without this app importing them."""

from django.dispatch import Signal

account_soft_deleted = Signal()
"""CUS-9: sent inside the delete transaction with `account` and `actor`;
the contacts app deletes the account's contact relationships (the contacts
remain)."""

account_updating = Signal()
"""Sent inside the update transaction, before the write, with `account`
(stored state), `changes` and `actor`; a receiver that raises a DomainError
refuses the update (e.g. the type of an Active partner, PA-3)."""
