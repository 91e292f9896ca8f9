"""The PostgreSQL backend of the test suite (test_settings), which empties
the database faster between transactional tests."""
