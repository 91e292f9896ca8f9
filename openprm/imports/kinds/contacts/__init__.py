"""Importing contacts with their customer relationships and first e-mail and
phone (IMP-1, CON-1, CON-2, CON-4).

Each row is checked by the rules of `contacts.services.contact_create`
itself: `contacts.rules.contacts_check` (names, kind, flag, e-mail, phone,
custom fields) runs as each batch is `prepare`d, for a big file in a second
process (`imports.pipeline`), with phones read in the default region; a row
whose customer lies in another country and has a phone is checked again
with that country. The checks that need the database run in
`process_batch` with a constant number of queries per batch: a customer the
importer may see, and the CON-2 duplicate rules (same e-mail, same phone,
similar name at the same customer, `contacts.duplicates`) against the
visible contacts in the database and the rows before it in the file. The
batch is written as tuples with one statement per table (`bulk`).

The kind is kind.py; its columns columns.py; reading a row (its draft, key
and customer) rows.py; CON-2 duplicates.py; writing a batch writing.py.
"""

from openprm.imports.kinds.contacts.kind import ContactKind

__all__ = ["ContactKind"]
