"""Signals other apps connect to without this app importing them."""

from django.dispatch import Signal

account_soft_deleted = Signal()
"""CUS-9: sent inside the delete transaction with `account` and `actor`;
the contacts app deletes the account's contact relationships (the contacts
remain)."""
