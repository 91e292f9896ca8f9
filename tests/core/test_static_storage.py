"""The error pages and every other page render before the static files are
collected (`openprm setup`), with the storage the local and production
profiles use; once collected, pages name the content-hashed files.

Before, with no manifest Django's manifest storage refused to name the
layout's logo, so a mistyped address such as `/api/v1/` answered 500
instead of the 404 page.
"""

import json
from pathlib import Path
from typing import Any

import pytest
from django.contrib.staticfiles.storage import staticfiles_storage
from django.test import Client
from django.urls import reverse

from openprm.identity.models import User


@pytest.fixture
def uncollected(settings: Any, tmp_path: Path) -> Path:
    """The local and production storage over an empty STATIC_ROOT."""
    settings.STATIC_ROOT = tmp_path
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": settings.STATIC_STORAGE},
    }
    return tmp_path


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/", "/no-such-page/"])
def test_an_unknown_address_answers_the_404_page_before_static_files_are_collected(
    uncollected: Path, path: str
) -> None:
    response = Client(raise_request_exception=False).get(path)

    assert response.status_code == 404
    page = response.content.decode()
    assert "Not found" in page
    assert "/static/openprm/favicon.svg" in page


@pytest.mark.django_db
def test_the_sign_in_and_home_pages_render_before_static_files_are_collected(
    uncollected: Path, admin_user: User
) -> None:
    client = Client(raise_request_exception=False)
    assert client.get(reverse("identity:login")).status_code == 200
    client.force_login(admin_user)
    assert client.get("/").status_code == 200


def test_collected_files_keep_their_hashed_names_and_a_missing_one_still_fails(
    uncollected: Path,
) -> None:
    (uncollected / "staticfiles.json").write_text(
        json.dumps({"version": "1.1", "paths": {"openprm/favicon.svg": "openprm/favicon.0a1b.svg"}})
    )

    assert staticfiles_storage.url("openprm/favicon.svg").endswith("/openprm/favicon.0a1b.svg")
    with pytest.raises(ValueError, match="Missing staticfiles manifest entry"):
        staticfiles_storage.url("openprm/not-collected.css")
