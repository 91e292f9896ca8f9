"""The SQLite backend of the test suite (test_settings): Django's, restoring
the seeded rows in bulk (core.testing.restore)."""
