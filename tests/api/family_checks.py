"""Checks the generated-client tests share: a versioned update and its
stale repeat (PLAT-6), an action guarded by a version, a refusal as a
problem with its code, paging, and an account to hang records on."""

from collections.abc import Callable
from typing import Any

from tests.api.test_generated_client import call, model


def versioned(
    api: Any, operation: str, *path: Any, body: Any, output: str, changed: Callable[[Any], bool]
) -> Any:
    """PLAT-6: `body` (carrying the record's version) applies once; sent
    again it is a 409 whose `current` is the changed record, typed."""
    updated = call(api, operation, *path, body=body)
    assert updated.status_code == 200, updated.content
    assert isinstance(updated.parsed, model(output))
    assert changed(updated.parsed)
    stale = call(api, operation, *path, body=body)
    assert stale.status_code == 409, stale.content
    assert stale.parsed.code == "stale_version"
    assert isinstance(stale.parsed.current, model(output)), type(stale.parsed.current)
    assert changed(stale.parsed.current)
    return updated.parsed


def acted(
    api: Any,
    operation: str,
    record_id: int,
    *,
    body: Callable[[int], Any],
    version: int,
    output: str,
    changed: Callable[[Any], bool],
) -> Any:
    """PLAT-6 for an action that moves a record on (review, revoke, waive):
    sent with a version the record does not have it is a 409 with the record
    as it is, typed; sent with its version it acts. (Sent twice, the second
    is refused for the record's new state, not its version.)"""
    stale = call(api, operation, record_id, body=body(version + 1))
    assert stale.status_code == 409, stale.content
    assert stale.parsed.code == "stale_version"
    assert isinstance(stale.parsed.current, model(output)), type(stale.parsed.current)
    assert stale.parsed.current.version == version
    acted = call(api, operation, record_id, body=body(version))
    assert acted.status_code == 200, acted.content
    assert changed(acted.parsed)
    return acted.parsed


def refused(answer: Any, status: int = 422, code: str = "validation_failed") -> None:
    assert answer.status_code == status, answer.content
    assert answer.parsed.code == code


def account_created(api: Any, name: str) -> Any:
    body = model("AccountCreateIn")(name=name, country="DE", confirm_duplicates=True)
    created = call(api, "customers.account_create", body=body)
    assert created.status_code == 201, created.content
    return created.parsed


def pages(api: Any, operation: str, *path: Any, key: str = "id", **query: Any) -> list[Any]:
    """The list pages one record at a time: two pages, two records, and a
    count of at least two. The keys of both pages' records."""
    answers = [call(api, operation, *path, page=n, page_size=1, **query) for n in (1, 2)]
    assert [a.status_code for a in answers] == [200, 200], answers[0].content
    assert [len(a.parsed.items) for a in answers] == [1, 1]
    assert answers[0].parsed.count >= 2
    keys = [getattr(a.parsed.items[0], key) for a in answers]
    assert keys[0] != keys[1]
    return keys
