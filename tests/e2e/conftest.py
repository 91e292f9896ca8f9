"""Browser fixtures for every app's end-to-end tests (headless Chromium).

`page` is a fresh browser tab on the live server; `signed_in_page(user,
password)` signs a user in through the real sign-in form. A walk with
several people opens one tab each with `signed_in_tab`, and `shot` keeps a
screenshot of a step for a human look when OPENPRM_SHOTS names a folder. Users for it are
made with `tests.factories.make_user(..., password=...)`.

Every test in this folder is marked `e2e` and runs on a transactional
database with serialized rollback: the live server needs committed rows, and
the rollback restores the seeded roles, options and lookups that the flush
after each transactional test removes.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from django.db import connections
from playwright.sync_api import Browser, Locator, Page, expect, sync_playwright

from openprm.identity.models import User

# Playwright's sync API runs an event loop in the test thread; Django would
# otherwise refuse the ORM calls that fixtures make in that thread.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
# Every wait is for what the page must show; on a busy machine a partial
# swap or a navigation has taken over 5 s, so the bound is generous.
TIMEOUT_MS = 30_000
# Signing in hashes the password with Argon2 and renders the first page: on a
# busy machine that alone once took more than 5 s.
SIGN_IN_TIMEOUT_MS = 30_000
# For every assertion of every browser test, whichever fixture made its tab.
expect.set_options(timeout=TIMEOUT_MS)
SHOTS = os.environ.get("OPENPRM_SHOTS", "")
VIEWPORT = {"width": 1400, "height": 1000}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.path).startswith(here):
            item.add_marker(pytest.mark.e2e)
            item.add_marker(
                pytest.mark.django_db(transaction=True, serialized_rollback=True), append=False
            )


@pytest.fixture
def browser(live_server: Any) -> Iterator[Browser]:
    """Chromium for one test, started after the database is restored.

    Not session-scoped on purpose: while Playwright's event loop runs, Django
    hands the test thread a new connection object that lacks the serialized
    seed data, so a browser started before a test's database setup would make
    that setup skip the restore (about half a second per test buys this).
    That connection is closed here: left open, PostgreSQL refused to drop
    the test database at the end of the run ("being accessed by other
    users").
    """
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()
        connections.close_all()


@pytest.fixture
def page(browser: Browser, live_server: Any) -> Iterator[Page]:
    """A fresh tab (own cookies) on the live server."""
    context = browser.new_context(base_url=live_server.url)
    context.set_default_timeout(TIMEOUT_MS)
    tab = context.new_page()
    yield tab
    context.close()


def sign_in(page: Page, username: str, password: str) -> Page:
    """Signs in through the real form and waits for the signed-in page's
    landmark (its user menu), however long the sign-in takes, never for a
    fixed time."""
    page.goto("/account/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_test_id("user-menu")).to_be_visible(timeout=SIGN_IN_TIMEOUT_MS)
    return page


@pytest.fixture
def signed_in_page(page: Page) -> Callable[[User, str], Page]:
    return lambda user, password: sign_in(page, user.username, password)


def new_tab(browser: Browser, live_server: Any) -> Page:
    """A tab with its own cookies, as wide as a laptop screen, so one walk
    can hold several people signed in at once."""
    context = browser.new_context(base_url=live_server.url, viewport=VIEWPORT)  # type: ignore[arg-type]
    context.set_default_timeout(TIMEOUT_MS)
    return context.new_page()


def signed_in_tab(browser: Browser, live_server: Any, username: str, password: str) -> Page:
    return sign_in(new_tab(browser, live_server), username, password)


def shot(page: Page, name: str) -> None:
    """A full-page screenshot in OPENPRM_SHOTS, to look at; never asserted."""
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def type_and_pick(page: Page, box: Locator, typed: str, option: str, name: str) -> None:
    """Type into a search-as-you-type picker, take a screenshot of its
    matches (`name`) and choose the one named `option`."""
    box.fill(typed)
    choice = page.get_by_role("option", name=option)
    expect(choice).to_be_visible()
    shot(page, name)
    choice.click()
