"""The small demo, shared by the demo's tests and the query counts of
every list page (test_page_queries.py)."""

from collections.abc import Iterator
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.db import transaction
from django.test import override_settings

from openprm.demo.context import SIZES


@pytest.fixture(scope="module")
def demo(
    django_db_setup: Any, django_db_blocker: Any, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """The small demo, loaded once for the module in a transaction rolled
    back afterwards, with fewer contacts and passwords hashed fast (hashing
    is not what these tests prove); its output."""
    fast = override_settings(
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=tmp_path_factory.mktemp("demo-media"),
    )
    with pytest.MonkeyPatch.context() as patch, django_db_blocker.unblock(), fast:
        patch.setitem(SIZES["small"], "contacts", 40)
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            out = StringIO()
            call_command("demo", stdout=out)
            yield out.getvalue()
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
