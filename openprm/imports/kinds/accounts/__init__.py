"""Importing accounts and prospects, with parent links in any row order (IMP-1,
CUS-2, CUS-4, CUS-6).

Rows are checked by the rules of `customers.services.account_create`
itself: `customers.rules.accounts_check` (name, type, address, country,
currency, revenue, industry and size lookups, flags, custom fields) for the
batch, then an active internal owner, a visible parent and no cycle, and the
duplicate rule of `customers.duplicates` (near-identical name at the same
postal code and country, or the same name) against visible accounts and
earlier rows.

Parents may come after their children: the file is scanned once for the keys
it defines, a row is inserted with its parent when this run wrote the parent
before (by external id), and a second pass links the others (an UPDATE of a
row is as costly as its insert). It checks every link of the job: a row
whose parent was rejected, or which closes a cycle, is then removed again
with everything the import wrote for it, so nothing of it remains.

The kinds are kind.py; their columns columns.py; reading a row (its draft,
key, owner and parent) rows.py; the duplicate rule duplicates.py; writing a
batch writing.py; the second pass parents.py.
"""

from openprm.imports.kinds.accounts.kind import AccountKind, ProspectKind

__all__ = ["AccountKind", "ProspectKind"]
