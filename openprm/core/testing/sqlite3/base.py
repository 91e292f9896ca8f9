"""SQLite for the test suite: Django's backend, restoring the seeded rows
before each transactional test in bulk (core.testing.restore)."""

from django.db.backends.sqlite3 import base, creation

from openprm.core.testing.restore import BulkRestoreCreation


class DatabaseCreation(BulkRestoreCreation, creation.DatabaseCreation):
    pass


class DatabaseWrapper(base.DatabaseWrapper):
    creation_class = DatabaseCreation
