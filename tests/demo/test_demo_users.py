"""`openprm demo --users` on a database without the demo users says how to
load them (the loaded case: test_demo.py)."""

from io import StringIO

import pytest
from django.core.management import call_command

pytestmark = pytest.mark.django_db


def test_demo_users_on_a_database_without_them() -> None:
    out = StringIO()
    call_command("demo", users=True, stdout=out)
    assert out.getvalue().strip() == (
        "No demo sign-ins in this database: load them with `openprm demo`."
    )
